import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { monthBounds, privateImpactReport } from "@mae-mok/traceability"
import { impactInputs } from "../../../lib/money/impact"
import { traceability } from "../../../lib/traceability/service"
import { validQuery } from "../helpers"
import { ImpactQuery } from "../validators"

/**
 * PRIVATE impact view for programme staff (household private data right required, middlewares.ts): earned
 * and paid per month or year, by village and poverty tier, households earning, income against baseline, and
 * (year with ?poverty_line= baht per person per year) households that crossed the line; per-month totals
 * for the charts. One grouped query sums the ledger per household and month in the database (decision 0035);
 * the core's `privateImpactReport` adds those sums up.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = await validQuery(req, ImpactQuery)
  const service = traceability(req.scope)
  const bounds = q.month ? monthBounds(q.month) : { from: `${q.year}-01-01`, to: `${q.year}-12-31` }
  const [households, totals] = await Promise.all([
    service.listHouseholds({}, { select: ["id", "village", "poverty_tier", "members_count", "income_thb_per_year"] }),
    service.ledgerHouseholdMonthTotals(bounds.from, bounds.to),
  ])
  const { entries, months } = impactInputs(totals, `${bounds.from}T12:00:00+07:00`)
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
  res.json({ impact: report, months })
}
