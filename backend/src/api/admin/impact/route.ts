import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { monthBounds, type PrivateImpactEntry, privateImpactReport } from "@mae-mok/traceability"
import { traceability } from "../../../lib/traceability/service"
import { validQuery } from "../helpers"
import { ImpactQuery } from "../validators"

/**
 * PRIVATE impact view for programme staff (household private data right required, middlewares.ts): earned
 * and paid per month or year, by village and poverty tier, households earning, income against baseline, and
 * (year with ?poverty_line= baht per person per year) households that crossed the line; per-month totals
 * for the charts. Sums come from the database per household (core `privateImpactReport` adds them up).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = await validQuery(req, ImpactQuery)
  const service = traceability(req.scope)
  const bounds = q.month ? monthBounds(q.month) : { from: `${q.year}-01-01`, to: `${q.year}-12-31` }
  const [households, totals, months] = await Promise.all([
    service.listHouseholds({}, { select: ["id", "village", "poverty_tier", "members_count", "income_thb_per_year"] }),
    service.ledgerTotals(bounds.from, bounds.to),
    service.ledgerMonthTotals(bounds.from, bounds.to),
  ])
  // One entry per household and kind, dated inside the period: the report only adds amounts up.
  const at = `${bounds.from}T12:00:00+07:00`
  const entries: PrivateImpactEntry[] = totals.flatMap((t) => [
    ...(t.earned !== 0 ? [{ householdId: t.household_id, kind: "sales_share" as const, satang: t.earned, bookedAt: at }] : []),
    ...(t.paid !== 0 ? [{ householdId: t.household_id, kind: "payment" as const, satang: -t.paid, bookedAt: at }] : []),
  ])
  const report = privateImpactReport(
    households.map((h) => ({
      householdId: h.id,
      village: h.village,
      povertyTier: h.poverty_tier,
      membersCount: h.members_count,
      incomeThbPerYear: h.income_thb_per_year,
    })),
    entries,
    q.month ? { month: q.month } : { year: q.year! },
    { povertyLineThbPerPersonPerYear: q.poverty_line ?? null }
  )
  res.setHeader("cache-control", "no-store")
  res.json({ impact: report, months: months.map((m) => ({ month: m.month, earned_satang: m.earned, paid_satang: m.paid })) })
}
