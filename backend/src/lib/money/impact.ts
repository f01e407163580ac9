import type { PrivateImpactEntry } from "@mae-mok/traceability"

/** Earned and paid of one household in one Bangkok month, summed in the database (service ledgerHouseholdMonthTotals). */
export type HouseholdMonthTotal = { household_id: string; month: string; earned: number; paid: number }

/**
 * The impact view's two inputs from the per-household-and-month sums: one entry per household and kind for the
 * core's `privateImpactReport` (which only adds them up; dated `at`, inside the period), and the per-month totals
 * over all households for the charts, oldest month first. Integer satang throughout.
 */
export function impactInputs(rows: readonly HouseholdMonthTotal[], at: string): { entries: PrivateImpactEntry[]; months: { month: string; earned_satang: number; paid_satang: number }[] } {
  const households = new Map<string, { earned: number; paid: number }>()
  const months = new Map<string, { earned: number; paid: number }>()
  for (const r of rows) {
    for (const [map, key] of [[households, r.household_id], [months, r.month]] as const) {
      const t = map.get(key) ?? { earned: 0, paid: 0 }
      t.earned += r.earned
      t.paid += r.paid
      map.set(key, t)
    }
  }
  const entries: PrivateImpactEntry[] = [...households].flatMap(([householdId, t]) => [
    ...(t.earned !== 0 ? [{ householdId, kind: "sales_share" as const, satang: t.earned, bookedAt: at }] : []),
    ...(t.paid !== 0 ? [{ householdId, kind: "payment" as const, satang: -t.paid, bookedAt: at }] : []),
  ])
  return {
    entries,
    months: [...months].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([month, t]) => ({ month, earned_satang: t.earned, paid_satang: t.paid })),
  }
}
