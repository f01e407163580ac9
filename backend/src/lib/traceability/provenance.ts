import crypto from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  buildEpcisDocument,
  DigitalLinkError,
  isValidSerial,
  type LabelScanState,
  parseDigitalLink,
  publicProjection,
  type PublicProvenance,
  scanVerdict,
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
 * on it, so the store API and the printed QR follow the same rules.
 */
export function parseLinkParams(gtin: string, lot: string, serial?: string): { gtin: string; lot: string; serial: string | null } {
  const path = `/01/${encodeURIComponent(gtin)}/10/${encodeURIComponent(lot)}${serial === undefined ? "" : `/21/${encodeURIComponent(serial)}`}`
  try {
    const parsed = parseDigitalLink(path)
    if (parsed.serial !== null && !isValidSerial(parsed.serial)) {
      throw invalidLink("serial", `serial must be 16 characters of 0-9 and A-Z without I, L, O and U, got ${JSON.stringify(parsed.serial)}`)
    }
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

/** EPCIS 2.0 document of a lot, from its public projection only. */
export async function lotEpcis(container: Container, params: { gtin: string; lot: string }) {
  const provenance = await lotProvenance(container, params)
  return buildEpcisDocument(provenance, { origin: readEnv().storefrontUrl })
}

/** Salted hash of the client's IP: scans can be told apart without keeping who scanned. */
export function scanIpHash(ip: string): string {
  return crypto.createHmac("sha256", readEnv().scanIpSalt).update(ip).digest("hex")
}

/**
 * Provenance of one unit, recording the scan (with a salted IP hash) whatever the answer:
 * unknown and mismatched serials are what clone detection counts.
 */
export async function unitProvenance(
  container: Container,
  params: { gtin: string; lot: string; serial: string },
  clientIp: string,
  /** false while the client is over its guess limit: refused scans are then not stored (no write flood). */
  options: { recordRefusals?: boolean } = {}
): Promise<PublicProvenance> {
  const { gtin, lot, serial } = parseLinkParams(params.gtin, params.lot, params.serial)
  const service = traceability(container)
  const batch = await findPublicBatch(container, gtin, lot)
  if (!batch) throw unknownLot(gtin, lot)

  const record = (verdict: string, label_unit_id: string | null) =>
    service.createScanEvents({ gtin, lot, serial: serial!, label_unit_id, ip_hash: scanIpHash(clientIp), verdict, scanned_at: new Date() })

  const [unit] = await service.listLabelUnits({ serial: serial! }, { relations: ["batch"] })
  if (!unit || unit.batch.id !== batch.id) {
    const kind = unit ? "lot_mismatch" : "unknown_serial"
    if (options.recordRefusals !== false) await record(kind, unit?.id ?? null)
    const verdict = scanVerdict(
      unit ? { scanCount: unit.scan_count, firstScanAt: unit.first_scan_at ? new Date(unit.first_scan_at).toISOString() : null, lot: unit.batch.lot_number } : null,
      { scannedLot: lot }
    )
    throw new ProvenanceRefusal(404, {
      type: "not_found",
      code: "UNKNOWN_SERIAL",
      message: unit
        ? `Serial ${serial} was not printed for lot ${lot}; the label may have been copied.`
        : `Serial ${serial} is not in our records; the product may not be genuine.`,
      message_th: verdict.message_th,
      scan: verdict,
    })
  }

  const counted = await service.countScan(serial!)
  if (!counted) throw new Error(`label unit ${serial} vanished while counting a scan`)
  const state: LabelScanState = {
    scanCount: counted.scan_count,
    firstScanAt: counted.first_scan_at.toISOString(),
    lot: batch.lot_number,
  }
  const provenance = await project(container, batch.id, { state, scannedLot: lot })
  await record(provenance.scan!.kind, unit.id)
  return provenance
}

/** First x-forwarded-for entry (the storefront forwards the buyer's IP), else the socket's. */
export function clientIp(headers: Record<string, string | string[] | undefined>, socketIp: string | undefined): string {
  const forwarded = headers["x-forwarded-for"]
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim()
  return first || socketIp || "unknown"
}
