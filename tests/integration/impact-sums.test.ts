import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bangkokCalendarDate, type PrivateImpactEntry, type PrivateImpactHousehold, privateImpactMonths, privateImpactReport } from "@mae-mok/traceability"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"

// The impact view sums the ledger per household and Bangkok month in PostgreSQL (decision 0035). This holds its
// answer to the core's pure `privateImpactReport` run over every ledger row itself, on awkward data: entries a
// millisecond either side of Bangkok's month and year boundaries (UTC 17:00), reversals that make a month's
// earnings negative or zero, amounts past 2^32 satang, a household that was only paid, households without a
// tier, members or baseline, and a deleted household's entries outside the period.

let app: TestApp
let api: AdminApi
let sql: postgres.Sql

type Row = [household: string, kind: "farm_gate_purchase" | "sales_share" | "reversal" | "payment", satang: number, bookedAt: string]

const HOUSEHOLDS = [
  { id: "hh_sum_a", village: "บ้านแม่มอก", tier: "1", members: 4, income: 30000 },
  { id: "hh_sum_b", village: "บ้านแม่มอก", tier: null, members: null, income: null },
  { id: "hh_sum_c", village: "บ้านนาบง", tier: "2", members: 3, income: 0 },
  { id: "hh_sum_d", village: "บ้านนาบง", tier: "3", members: 1, income: 11999 },
]
const ROWS: Row[] = [
  ["hh_sum_a", "sales_share", 1, "2025-12-31T16:59:59.999Z"], // Bangkok 2025-12-31 23:59:59.999
  ["hh_sum_a", "sales_share", 7, "2025-12-31T17:00:00.000Z"], // Bangkok 2026-01-01 00:00
  ["hh_sum_a", "farm_gate_purchase", 123_456_789, "2026-01-31T16:59:59.999Z"], // still January in Bangkok
  ["hh_sum_a", "reversal", -500, "2026-01-31T17:00:00.000Z"], // February in Bangkok
  ["hh_sum_a", "sales_share", 250, "2026-04-10T03:00:00.000Z"],
  ["hh_sum_a", "reversal", -250, "2026-04-20T03:00:00.000Z"], // April: rows, but nothing earned
  ["hh_sum_a", "payment", -100_000, "2026-02-27T10:00:00.000Z"],
  ["hh_sum_b", "sales_share", 2 ** 40 + 3, "2026-06-15T05:00:00.000Z"],
  ["hh_sum_b", "sales_share", 2 ** 33 + 1, "2026-06-30T16:59:59.999Z"],
  ["hh_sum_b", "sales_share", 100, "2026-03-03T03:00:00.000Z"],
  ["hh_sum_b", "reversal", -300, "2026-03-04T03:00:00.000Z"], // March: earned −200
  ["hh_sum_c", "payment", -1, "2026-12-31T16:59:59.999Z"], // the year's last millisecond in Bangkok
  ["hh_sum_c", "payment", -2, "2026-12-31T17:00:00.000Z"], // already 2027
  ["hh_sum_c", "farm_gate_purchase", 999_999, "2026-07-01T00:00:00.000Z"],
  ["hh_sum_d", "payment", -90_000, "2026-02-14T09:30:00.000Z"], // paid, never earned this year
  ["hh_sum_d", "farm_gate_purchase", 1_200_000, "2025-11-30T17:00:00.000Z"], // Bangkok 2025-12-01
  ["hh_sum_x", "sales_share", 42, "2024-06-01T00:00:00.000Z"], // deleted household, outside every period asked
]

beforeAll(async () => {
  app = await startTestApp()
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  sql = postgres(app.db.url, { max: 2 })
  for (const [n, h] of [...HOUSEHOLDS, { id: "hh_sum_x", village: "บ้านร้าง", tier: null, members: null, income: null }].entries()) {
    await sql`insert into household (id, code, alias, village, tambon, amphoe, province, poverty_tier, members_count, income_thb_per_year)
      values (${h.id}, ${`SUM-H-${n}`}, ${`สวนรวม ${n}`}, ${h.village}, 'แม่มอก', 'เถิน', 'ลำปาง', ${h.tier}, ${h.members}, ${h.income})`
  }
  for (const [n, [household, kind, satang, bookedAt]] of ROWS.entries()) {
    await sql`insert into ledger_entry (id, idempotency_key, household_id, kind, satang, source, booked_at)
      values (${`le_sum_${n}`}, ${`sum-test:${n}`}, ${household}, ${kind}, ${String(satang)}, ${sql.json({ type: "test" })}, ${bookedAt})`
  }
  await sql`update household set deleted_at = now() where id = 'hh_sum_x'`
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

/** Every listed household and every ledger row, as the core's pure report takes them. */
async function everything(): Promise<{ households: PrivateImpactHousehold[]; entries: PrivateImpactEntry[] }> {
  const households = await sql`select id, village, poverty_tier, members_count, income_thb_per_year from household where deleted_at is null`
  const entries = await sql`select household_id, kind, satang::text as satang, booked_at from ledger_entry`
  return {
    households: households.map((h) => ({
      householdId: h.id,
      village: h.village,
      povertyTier: h.poverty_tier,
      membersCount: h.members_count,
      incomeThbPerYear: h.income_thb_per_year === null ? null : Number(h.income_thb_per_year),
    })),
    entries: entries.map((e) => ({ householdId: e.household_id, kind: e.kind, satang: Number(e.satang), bookedAt: (e.booked_at as Date).toISOString() })),
  }
}

/** The months of `year` with any ledger row in Bangkok, with the core's monthly sums. */
function expectedMonths(households: PrivateImpactHousehold[], entries: PrivateImpactEntry[], months: string[]) {
  const year = Number(months[0]!.slice(0, 4))
  return privateImpactMonths(households, entries.filter((e) => e.householdId !== "hh_sum_x"), year)
    .filter((r) => months.includes(r.period.label))
    .map((r) => ({ month: r.period.label, earned_satang: r.earnedSatang, paid_satang: r.paidSatang }))
}

describe("impact view sums in the database", () => {
  it("answers the year exactly as the core's report over every ledger row, with the months that have rows", async () => {
    const { households, entries } = await everything()
    for (const year of [2025, 2026]) {
      const { impact, months } = await api.ok("GET", `/admin/impact?year=${year}&poverty_line=12000`)
      expect(impact).toEqual(privateImpactReport(households, entries.filter((e) => e.householdId !== "hh_sum_x"), { year }, { povertyLineThbPerPersonPerYear: 12000 }))
      const withRows = [...new Set(entries.filter((e) => e.householdId !== "hh_sum_x").map((e) => bangkokCalendarDate(e.bookedAt).slice(0, 7)))]
        .filter((m) => m.startsWith(`${year}-`))
        .sort()
      expect(months).toEqual(expectedMonths(households, entries, withRows))
    }
    // The awkward rows landed where Bangkok's calendar puts them.
    const { impact, months } = await api.ok("GET", `/admin/impact?year=2026&poverty_line=12000`)
    const row = (id: string) => impact.households.find((h: Json) => h.householdId === id)
    expect(row("hh_sum_a")).toMatchObject({ earnedSatang: 7 + 123_456_789 - 500, paidSatang: 100_000 })
    expect(row("hh_sum_b")).toMatchObject({ earnedSatang: 2 ** 40 + 3 + 2 ** 33 + 1 - 200, baselineSatangPerYear: null, crossedPovertyLine: null })
    expect(row("hh_sum_c")).toMatchObject({ earnedSatang: 999_999, paidSatang: 1, earnedBasisPointsOfBaseline: null })
    expect(row("hh_sum_d")).toMatchObject({ earnedSatang: 0, paidSatang: 90_000 })
    expect(months.find((m: Json) => m.month === "2026-04")).toEqual({ month: "2026-04", earned_satang: 0, paid_satang: 0 })
    expect(months.find((m: Json) => m.month === "2027-01")).toBeUndefined()
  })

  it("answers each month exactly as the core's report, boundaries included", async () => {
    const { households, entries } = await everything()
    for (const month of ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-06", "2026-07", "2026-12"]) {
      const { impact, months } = await api.ok("GET", `/admin/impact?month=${month}`)
      const expected = privateImpactReport(households, entries.filter((e) => e.householdId !== "hh_sum_x"), { month })
      expect(impact, month).toEqual(expected)
      expect(months, month).toEqual([{ month, earned_satang: expected.earnedSatang, paid_satang: expected.paidSatang }])
    }
    const march = (await api.ok("GET", "/admin/impact?month=2026-03")).impact
    expect(march.households.find((h: Json) => h.householdId === "hh_sum_b").earnedSatang).toBe(-200)
  })
})
