import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import {
  buildEpcisDocument,
  buildSscc,
  isValidGtin,
  type LabelScanState,
  publicProjection,
  type PublicProvenance,
  type PublicShipment,
  publicShipment,
  toGtin14,
} from "@mae-mok/traceability"
import { readEnv } from "../env"
import { AppError } from "../errors"
import { type GuessLimitCheck, refusalWithin } from "./guess-limit"
import { invalidLink, parseLinkParams } from "./link-params"
import { findPublicBatch, unknownLot } from "./public-batch"
import { loadPrivateBatchRecord } from "./records"
import { recordScans } from "./scans"
import { traceability } from "./service"

/*
 * The public answers of the store API (docs/api/provenance.md): a lot, the newest lot of a GTIN, its EPCIS
 * document, one unit with its scan. Refusals are AppErrors (lib/errors.ts), answered by apiErrorHandler.
 * Link syntax: link-params.ts; which batches are public: public-batch.ts; recording scans: scans.ts.
 */

type Container = Pick<MedusaContainer, "resolve">

async function project(container: Container, batchId: string, scan: { state: LabelScanState; scannedLot: string } | null): Promise<PublicProvenance> {
  const record = await loadPrivateBatchRecord(container, batchId)
  if (!record) throw new Error(`batch ${batchId} lost its variant`)
  return publicProjection({ ...record, scan })
}

/** Provenance of a lot (no scan is recorded). */
export async function lotProvenance(container: Container, params: { gtin: string; lot: string }): Promise<PublicProvenance> {
  const { gtin, lot } = parseLinkParams(params.gtin, params.lot)
  const batch = await findPublicBatch(container, gtin, lot)
  if (!batch) throw unknownLot(gtin, lot)
  return project(container, batch.id, null)
}

/** Provenance of the newest released batch of a GTIN (the product page's summary); no scan is recorded. */
export async function currentLotProvenance(container: Container, gtinParam: string): Promise<PublicProvenance> {
  if (!/^\d{14}$/.test(gtinParam) || !isValidGtin(gtinParam)) throw invalidLink("gtin", "GTIN must be 14 digits with a correct check digit")
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // Barcodes may be stored as GTIN-14 or, with the leading zero dropped, as EAN-13.
  const barcodes = gtinParam.startsWith("0") ? [gtinParam, gtinParam.slice(1)] : [gtinParam]
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "batches.id", "batches.lot_number", "batches.status", "batches.produced_on"],
    filters: { barcode: barcodes },
  })
  const released = data
    .flatMap((v) => v.batches ?? [])
    .filter((b) => b !== null)
    .filter((b) => b.status === "released")
    .sort((a, b) => b.produced_on.localeCompare(a.produced_on) || b.lot_number.localeCompare(a.lot_number))
  if (!released[0]) {
    throw new AppError(MedusaError.Types.NOT_FOUND, {
      code: "NO_RELEASED_BATCH",
      message: `No released batch of GTIN ${gtinParam} is in our records.`,
      message_th: "ยังไม่มีข้อมูลล็อตที่วางจำหน่ายของสินค้านี้",
    })
  }
  return lotProvenance(container, { gtin: gtinParam, lot: released[0].lot_number })
}

/**
 * EPCIS 2.0 document of a lot, from its public projection only, with the packing and shipping of the parcels
 * that hold its units (issue 12): public shipments give the SSCC, Bangkok days and counts per lot, never an
 * order, a buyer or a serial (core epcis.ts publicShipment).
 */
export async function lotEpcis(container: Container, params: { gtin: string; lot: string }) {
  const provenance = await lotProvenance(container, params)
  const { gtin, lot } = parseLinkParams(params.gtin, params.lot)
  const batch = await findPublicBatch(container, gtin, lot)
  const shipments = batch ? await publicShipmentsOfBatch(container, batch.id) : []
  return buildEpcisDocument(provenance, { origin: readEnv().storefrontUrl, shipments })
}

/** The group's GS1 company prefix (the GTINs' and the SSCCs'). */
function companyPrefix(): string {
  return process.env.GS1_COMPANY_PREFIX || "8859999"
}

async function publicShipmentsOfBatch(container: Container, batchId: string): Promise<PublicShipment[]> {
  const parcels = await traceability(container).listShipmentsOfBatch(batchId)
  if (parcels.length === 0) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: fulfilments } = await query.graph({ entity: "fulfillment", fields: ["id", "shipped_at", "canceled_at"], filters: { id: parcels.map((p) => p.fulfillment_id) } })
  const byId = new Map(fulfilments.map((f) => [f.id, f]))
  const variantIds = [...new Set(parcels.flatMap((p) => p.contents.map((c) => c.variant_id)))]
  const { data: variants } = await query.graph({ entity: "product_variant", fields: ["id", "barcode"], filters: { id: variantIds } })
  const gtinOf = new Map(variants.map((v) => [v.id, v.barcode && isValidGtin(v.barcode) ? toGtin14(v.barcode) : null]))
  const out: PublicShipment[] = []
  for (const p of parcels) {
    const f = byId.get(p.fulfillment_id)
    if (!f || f.canceled_at) continue
    const units = p.contents.flatMap((c) => {
      const g = gtinOf.get(c.variant_id)
      return g ? Array.from({ length: c.units }, () => ({ gtin: g, lot: c.lot_number, serial: "" })) : []
    })
    if (units.length === 0) continue
    out.push(
      publicShipment({
        sscc: buildSscc({ companyPrefix: companyPrefix(), sequence: p.sequence }),
        packedAt: p.packed_at.toISOString(),
        shippedAt: f.shipped_at ? new Date(f.shipped_at as unknown as string).toISOString() : null,
        units,
      })
    )
  }
  return out
}

/**
 * Provenance of one unit, recording the scan (with a salted IP hash) whatever the answer. A client over its guess
 * limit (`guessLimit`, looked up by the route's middleware) gets 429 instead of a refusal, which is not recorded.
 */
export async function unitProvenance(
  container: Container,
  params: { gtin: string; lot: string; serial: string },
  clientIp: string,
  guessLimit?: GuessLimitCheck
): Promise<PublicProvenance> {
  const [result] = await recordScans(container, [{ ...params, clientIp, recordRefusal: !guessLimit?.limited }])
  if (!result!.ok) throw refusalWithin(guessLimit, result!.refusal)
  return project(container, result!.batchId, { state: result!.state, scannedLot: result!.lot })
}
