import crypto from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { bangkokCalendarDate, isValidSerial, type LabelScanState, scanNetwork, scanVerdict, type ScanVerdict } from "@mae-mok/traceability"
import { readEnv } from "../env"
import { AppError } from "../errors"
import { parseLinkParams } from "./link-params"
import { publicBatchId, unknownLot } from "./public-batch"
import { traceability } from "./service"

type Container = Pick<MedusaContainer, "resolve">

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

/** One scan's answer: its verdict, or the refusal (an AppError; an unknown serial's carries its verdict as `details.scan`). */
export type ScanOutcome = { ok: true; batchId: string; lot: string; state: LabelScanState; verdict: ScanVerdict } | { ok: false; refusal: AppError }

function unknownSerial(serial: string, lot: string, unit: { scan_count: number; network_count: number; first_scan_at: Date | null; lot_number: string } | null): AppError {
  const verdict = scanVerdict(
    unit
      ? { scanCount: unit.scan_count, networkCount: unit.network_count, firstScanAt: unit.first_scan_at ? unit.first_scan_at.toISOString() : null, lot: unit.lot_number }
      : null,
    { scannedLot: lot }
  )
  const message = unit
    ? `Serial ${serial} was not printed for lot ${lot}; the label may have been copied.`
    : `Serial ${serial} is not in our records; the product may not be genuine.`
  return new AppError(MedusaError.Types.NOT_FOUND, { code: "UNKNOWN_SERIAL", message, message_th: verdict.message_th }, { details: { scan: verdict } })
}

/**
 * Records unit scans, many in a few statements whatever their number: one look-up of the lots, one of the
 * serials, one statement that counts every genuine scan (views, and networks new to each serial), one
 * INSERT of all scan events (with the salted network hash). Unknown and mismatched serials are recorded too: they are what clone detection counts. Each
 * answer is what that scan alone would have got; scans of one serial in one call are counted in order.
 */
export async function recordScans(container: Container, requests: ScanRequest[]): Promise<ScanOutcome[]> {
  const service = traceability(container)
  type Parsed = { request: ScanRequest; link: { gtin: string; lot: string; serial: string } } | { request: ScanRequest; refusal: AppError }
  const parsed = requests.map((request): Parsed => {
    try {
      const link = parseLinkParams(request.gtin, request.lot, request.serial)
      return { request, link: { gtin: link.gtin, lot: link.lot, serial: link.serial! } }
    } catch (err) {
      if (err instanceof AppError) return { request, refusal: err }
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
  const results: (ScanOutcome | null)[] = parsed.map((p, i) => {
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
    const verdict = result.ok ? result.verdict : (result.refusal.details?.scan as ScanVerdict | undefined)
    if (!verdict || (!result.ok && !p.request.recordRefusal)) return []
    const unit = unitBySerial.get(p.link.serial)
    return [{ ...p.link, label_unit_id: unit?.id ?? null, ip_hash: networkOf[i]!, verdict: verdict.kind, scanned_at: new Date() }]
  })
  await service.insertScanEvents(events)
  const vanished = () =>
    new AppError(MedusaError.Types.NOT_FOUND, {
      code: "UNKNOWN_SERIAL",
      message: "the label unit vanished while its scan was counted",
      message_th: "ไม่พบหน่วยสินค้านี้ในระบบ",
    })
  return results.map((r) => r ?? { ok: false, refusal: vanished() })
}
