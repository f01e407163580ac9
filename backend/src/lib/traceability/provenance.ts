import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { buildEpcisDocument, isValidGtin, type LabelScanState, publicProjection, type PublicProvenance } from "@mae-mok/traceability"
import { readEnv } from "../env"
import { AppError } from "../errors"
import { type GuessLimitCheck, refusalWithin } from "./guess-limit"
import { invalidLink, parseLinkParams } from "./link-params"
import { findPublicBatch, unknownLot } from "./public-batch"
import { loadPrivateBatchRecord } from "./records"
import { recordScans } from "./scans"

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

/** EPCIS 2.0 document of a lot, from its public projection only. */
export async function lotEpcis(container: Container, params: { gtin: string; lot: string }) {
  const provenance = await lotProvenance(container, params)
  return buildEpcisDocument(provenance, { origin: readEnv().storefrontUrl })
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
