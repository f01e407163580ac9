import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { DEFAULT_SUSPICIOUS_NETWORKS } from "@mae-mok/traceability"
import { traceability } from "../../../../lib/traceability/service"
import { validQuery } from "../../helpers"
import { SuspiciousScansQuery } from "../../validators"

type Group = { gtin: string; lot: string; serial: string; scans: number; last_scan_at: Date }

// GET /admin/scans/suspicious — unknown serials, serials scanned under the wrong lot, units opened from more
// networks than one bottle ever is (what the provenance page flags; views from one network do not count).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { since } = await validQuery(req, SuspiciousScansQuery)
  const service = traceability(req.scope)
  const filters: Record<string, unknown> = { verdict: ["unknown_serial", "lot_mismatch"] }
  if (since) filters.scanned_at = { $gte: new Date(`${since}T00:00:00+07:00`) }
  const events = await service.listScanEvents(filters, { select: ["gtin", "lot", "serial", "verdict", "scanned_at"] })
  const groups = { unknown_serial: new Map<string, Group>(), lot_mismatch: new Map<string, Group>() }
  for (const e of events) {
    const map = groups[e.verdict as keyof typeof groups]
    const key = `${e.gtin}|${e.lot}|${e.serial}`
    const g = map.get(key) ?? { gtin: e.gtin, lot: e.lot, serial: e.serial, scans: 0, last_scan_at: new Date(e.scanned_at) }
    g.scans++
    if (new Date(e.scanned_at) > g.last_scan_at) g.last_scan_at = new Date(e.scanned_at)
    map.set(key, g)
  }
  const units = await service.listLabelUnits({ network_count: { $gt: DEFAULT_SUSPICIOUS_NETWORKS } }, { relations: ["batch"], order: { network_count: "DESC" } })
  const bySeen = (a: Group, b: Group) => b.scans - a.scans
  res.json({
    unknown_serials: [...groups.unknown_serial.values()].sort(bySeen),
    lot_mismatches: [...groups.lot_mismatch.values()].sort(bySeen),
    over_scanned: units.map((u) => ({
      serial: u.serial,
      lot_number: u.batch.lot_number,
      scan_count: u.scan_count,
      network_count: u.network_count,
      first_scan_at: u.first_scan_at,
    })),
  })
}
