import crypto from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  buildEpcisDocument,
  DigitalLinkError,
  isValidGtin,
  isValidSerial,
  type LabelScanState,
  parseDigitalLink,
  publicProjection,
  type PublicProvenance,
  scanNetwork,
  scanVerdict,
  bangkokCalendarDate,
  buildSscc,
  type PublicShipment,
  publicShipment,
  toGtin14,
  type ScanVerdict,
} from "@mae-mok/traceability"
import { readEnv } from "../env"
import { traceability } from "../../workflows/traceability/service"
import { loadPrivateBatchRecord, variantsOfBatches } from "./records"

type Container = Pick<MedusaContainer, "resolve">

/** A public answer that is not 200: status and JSON body (docs/api/provenance.md). */
export class ProvenanceRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>
  ) {
    super(String(body.message))
  }
}

function invalidLink(part: string, message: string): ProvenanceRefusal {
  return new ProvenanceRefusal(400, {
    type: "invalid_data",
    code: "INVALID_DIGITAL_LINK",
    part,
    message,
    message_th: "ลิงก์หรือรหัสบนฉลากไม่ถูกต้อง",
  })
}

function unknownLot(gtin: string, lot: string): ProvenanceRefusal {
  return new ProvenanceRefusal(404, {
    type: "not_found",
    code: "UNKNOWN_LOT",
    message: `No released batch ${lot} of GTIN ${gtin} is in our records.`,
    message_th: `ไม่พบรุ่นการผลิต ${lot} ของสินค้านี้ในระบบ`,
  })
}

/**
 * Checks the route's parameters by rebuilding the Digital Link path and running the core's parser
 * on it, so the store API and the printed QR follow the same rules: 400 only for what breaks GS1 syntax.
 */
export function parseLinkParams(gtin: string, lot: string, serial?: string): { gtin: string; lot: string; serial: string | null } {
  // A JSON body (POST …/scans) can carry a lone UTF-16 surrogate, which no URL can encode.
  const encode = (part: string, name: string) => {
    try {
      return encodeURIComponent(part)
    } catch {
      throw invalidLink(name, `${name} is not valid text (a lone UTF-16 surrogate)`)
    }
  }
  const path = `/01/${encode(gtin, "gtin")}/10/${encode(lot, "lot")}${serial === undefined ? "" : `/21/${encode(serial, "serial")}`}`
  try {
    // Only GS1 syntax is refused (400). A serial that is valid GS1 but not one we could have printed (ours are 16
    // Crockford base32 characters) is simply unknown: 404, as a GS1 resolver answers for a link it does not know.
    const parsed = parseDigitalLink(path)
    return { gtin: parsed.gtin, lot: parsed.lot, serial: parsed.serial }
  } catch (err) {
    if (err instanceof DigitalLinkError) throw invalidLink(err.part, err.message)
    throw err
  }
}

/** The batch with that lot number, if it is public (not a draft) and of that GTIN. */
async function findPublicBatch(container: Container, gtin: string, lot: string) {
  const [batch] = await traceability(container).listBatches({ lot_number: lot })
  if (!batch || batch.status === "draft") return null
  const variant = (await variantsOfBatches(container, [batch.id])).get(batch.id)
  if (variant?.gtin14 !== gtin) return null
  return batch
}

// A lot once public (released, on hold or recalled) stays public, of the same batch and GTIN: scans remember
// it for a minute instead of looking it up in every batch of scans. Unknown lots are never remembered.
const publicLots = new Map<string, { batchId: string; at: number }>()
async function publicBatchId(container: Container, gtin: string, lot: string): Promise<string | null> {
  const key = `${gtin}/${lot}`
  const known = publicLots.get(key)
  if (known && Date.now() - known.at < 60_000) return known.batchId
  const batch = await findPublicBatch(container, gtin, lot)
  if (!batch) return null
  if (publicLots.size >= 1000) publicLots.clear()
  publicLots.set(key, { batchId: batch.id, at: Date.now() })
  return batch.id
}

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
    throw new ProvenanceRefusal(404, {
      type: "not_found",
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

let scanIpSalt: string | undefined

/**
 * Salted hash of the client's network (its IPv4 address, or its IPv6 /64: scanNetwork): scans can be told
 * apart without keeping who scanned, and an IPv6 client cannot pass for many by changing its address.
 */
export function scanIpHash(ip: string): string {
  // Read once: the environment does not change while the server runs, and every scan needs the salt.
  scanIpSalt ??= readEnv().scanIpSalt
  return crypto.createHmac("sha256", scanIpSalt).update(scanNetwork(ip)).digest("hex")
}

export type ScanRequest = {
  gtin: string
  lot: string
  serial: string
  clientIp: string
  /** false while the client is over its guess limit: a refused scan is then not stored (no write flood). */
  recordRefusal: boolean
}

export type ScanResult = { ok: true; batchId: string; lot: string; state: LabelScanState; verdict: ScanVerdict } | { ok: false; refusal: ProvenanceRefusal }

function unknownSerial(serial: string, lot: string, unit: { scan_count: number; network_count: number; first_scan_at: Date | null; lot_number: string } | null) {
  const verdict = scanVerdict(
    unit
      ? { scanCount: unit.scan_count, networkCount: unit.network_count, firstScanAt: unit.first_scan_at ? unit.first_scan_at.toISOString() : null, lot: unit.lot_number }
      : null,
    { scannedLot: lot }
  )
  return new ProvenanceRefusal(404, {
    type: "not_found",
    code: "UNKNOWN_SERIAL",
    message: unit
      ? `Serial ${serial} was not printed for lot ${lot}; the label may have been copied.`
      : `Serial ${serial} is not in our records; the product may not be genuine.`,
    message_th: verdict.message_th,
    scan: verdict,
  })
}

/**
 * Records unit scans, many in a few statements whatever their number: one look-up of the lots, one of the
 * serials, one statement that counts every genuine scan (views, and networks new to each serial), one
 * INSERT of all scan events (with the salted network hash). Unknown and mismatched serials are recorded too: they are what clone detection counts. Each
 * answer is what that scan alone would have got; scans of one serial in one call are counted in order.
 */
export async function recordScans(container: Container, requests: ScanRequest[]): Promise<ScanResult[]> {
  const service = traceability(container)
  type Parsed = { request: ScanRequest; link: { gtin: string; lot: string; serial: string } } | { request: ScanRequest; refusal: ProvenanceRefusal }
  const parsed = requests.map((request): Parsed => {
    try {
      const link = parseLinkParams(request.gtin, request.lot, request.serial)
      return { request, link: { gtin: link.gtin, lot: link.lot, serial: link.serial! } }
    } catch (err) {
      if (err instanceof ProvenanceRefusal) return { request, refusal: err }
      throw err
    }
  })
  const valid = parsed.flatMap((p) => ("link" in p ? [p] : []))

  const batchIds = new Map<string, string | null>()
  for (const { link } of valid) {
    const key = `${link.gtin}/${link.lot}`
    if (!batchIds.has(key)) batchIds.set(key, await publicBatchId(container, link.gtin, link.lot))
  }
  // A serial of another shape was never printed by us: no need to look for it.
  const serials = [...new Set(valid.map((p) => p.link.serial).filter(isValidSerial))]
  const units = await service.findUnitsForScans(serials)
  const unitBySerial = new Map(units.map((u) => [u.serial, u]))

  // Genuine scans per serial, in request order, then one statement counts all of them (views and networks).
  const genuine = new Map<string, number[]>()
  const networkOf = parsed.map((p) => scanIpHash(p.request.clientIp))
  const results: (ScanResult | null)[] = parsed.map((p, i) => {
    if (!("link" in p)) return { ok: false, refusal: p.refusal }
    const batchId = batchIds.get(`${p.link.gtin}/${p.link.lot}`)
    if (!batchId) return { ok: false, refusal: unknownLot(p.link.gtin, p.link.lot) }
    const unit = unitBySerial.get(p.link.serial)
    if (!unit || unit.batch_id !== batchId) return { ok: false, refusal: unknownSerial(p.link.serial, p.link.lot, unit ?? null) }
    genuine.set(p.link.serial, [...(genuine.get(p.link.serial) ?? []), i])
    return null
  })
  const counted = await service.countScans([...genuine].flatMap(([serial, indexes]) => indexes.map((i) => ({ serial, network_hash: networkOf[i]! }))))
  for (const row of counted) {
    const indexes = genuine.get(row.serial) ?? []
    // Each scan gets the counts it would have had alone: views before it in this call, and the networks
    // that were new in this call up to and including it.
    const fresh = new Set(row.new_networks)
    let networksBefore = row.network_count - fresh.size
    const seen = new Set<string>()
    indexes.forEach((index, k) => {
      const network = networkOf[index]!
      if (fresh.has(network) && !seen.has(network)) {
        seen.add(network)
        networksBefore++
      }
      const link = (parsed[index] as Extract<Parsed, { link: unknown }>).link
      const unit = unitBySerial.get(row.serial)
      const state: LabelScanState = {
        scanCount: row.scan_count - indexes.length + 1 + k,
        networkCount: networksBefore,
        firstScanAt: row.first_scan_at.toISOString(),
        lot: link.lot,
        // issue 12: sold (the Bangkok day it was packed for a buyer) or never sold, when the batch is packed unit by unit
        sale: unit?.batch_tracked ? { soldOn: unit.sold_at ? bangkokCalendarDate(unit.sold_at.toISOString()) : null } : null,
      }
      const recalled = unit?.batch_status === "recalled"
      results[index] = { ok: true, batchId: row.batch_id, lot: link.lot, state, verdict: scanVerdict(state, { scannedLot: link.lot, recalled }) }
    })
  }

  const events = parsed.flatMap((p, i) => {
    const result = results[i]
    if (!("link" in p) || !result) return []
    const verdict = result.ok ? result.verdict : (result.refusal.body.scan as ScanVerdict | undefined)
    if (!verdict || (!result.ok && !p.request.recordRefusal)) return []
    const unit = unitBySerial.get(p.link.serial)
    return [{ ...p.link, label_unit_id: unit?.id ?? null, ip_hash: networkOf[i]!, verdict: verdict.kind, scanned_at: new Date() }]
  })
  await service.insertScanEvents(events)
  return results.map((r) => r ?? { ok: false, refusal: new ProvenanceRefusal(404, { type: "not_found", code: "UNKNOWN_SERIAL", message: "the label unit vanished while its scan was counted" }) })
}

/** Provenance of one unit, recording the scan (with a salted IP hash) whatever the answer. */
export async function unitProvenance(
  container: Container,
  params: { gtin: string; lot: string; serial: string },
  clientIp: string,
  options: { recordRefusals?: boolean } = {}
): Promise<PublicProvenance> {
  const [result] = await recordScans(container, [{ ...params, clientIp, recordRefusal: options.recordRefusals !== false }])
  if (!result!.ok) throw result!.refusal
  return project(container, result!.batchId, { state: result!.state, scannedLot: result!.lot })
}

let storefrontSecret: Buffer | undefined

/**
 * Does this request come from the shop's storefront? It sends STOREFRONT_API_SECRET in x-storefront-secret;
 * only then may a request say whose IP a scan came from (anyone can write x-forwarded-for).
 */
export function fromStorefront(headers: Record<string, string | string[] | undefined>): boolean {
  storefrontSecret ??= Buffer.from(readEnv().storefrontApiSecret)
  const sent = headers["x-storefront-secret"]
  const given = Buffer.from(typeof sent === "string" ? sent : "")
  return given.length === storefrontSecret.length && crypto.timingSafeEqual(given, storefrontSecret)
}

/** The buyer's IP: the first x-forwarded-for entry when the storefront vouches for it, else the socket's. */
export function clientIp(headers: Record<string, string | string[] | undefined>, socketIp: string | undefined): string {
  if (!fromStorefront(headers)) return socketIp || "unknown"
  const forwarded = headers["x-forwarded-for"]
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim()
  return first || socketIp || "unknown"
}
