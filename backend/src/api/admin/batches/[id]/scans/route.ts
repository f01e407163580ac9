import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bangkokCalendarDate } from "@mae-mok/traceability"
import { traceability } from "../../../../../lib/traceability/service"
import { found } from "../../../helpers"

// GET /admin/batches/:id/scans — scans of the batch's lot over time (IP hashes are never returned).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service = traceability(req.scope)
  const [batch] = await service.listBatches({ id: req.params.id }, { relations: ["units"] })
  found(batch, "Batch", req.params.id)
  const events = await service.listScanEvents({ lot: batch!.lot_number }, { select: ["verdict", "scanned_at"], order: { scanned_at: "ASC" } })
  const byDay = new Map<string, { day: string; scans: number; first_scans: number }>()
  const byVerdict: Record<string, number> = { first_scan: 0, repeat_scan: 0, lot_mismatch: 0, unknown_serial: 0 }
  for (const e of events) {
    const day = bangkokCalendarDate(new Date(e.scanned_at))
    const row = byDay.get(day) ?? { day, scans: 0, first_scans: 0 }
    row.scans++
    if (e.verdict === "first_scan") row.first_scans++
    byDay.set(day, row)
    byVerdict[e.verdict] = (byVerdict[e.verdict] ?? 0) + 1
  }
  res.json({
    lot_number: batch!.lot_number,
    total: events.length,
    by_day: [...byDay.values()],
    by_verdict: byVerdict,
    units_scanned: batch!.units.filter((u) => u.scan_count > 0).length,
    units_total: batch!.units.length,
  })
}
