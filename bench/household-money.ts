import autocannon from "autocannon"
import type postgres from "postgres"

/**
 * Household money at the programme's scale (issue 13): 200 households, two years of ledger entries — 20 000
 * orders with a unit shared by four households each, two farm-gate purchases and one payment per household
 * and month — written straight into the tables (plain SQL, seconds instead of hours of workflows). Then the
 * monthly statement and the yearly impact view are measured through the admin API.
 */
export const HOUSEHOLDS = 200
export const ORDERS = 20_000
export const FROM = "2025-01-01"
const MONTHS = 24

export async function addLedgerVolume(sql: postgres.Sql): Promise<{ households: number; entries: number }> {
  await sql`insert into household (id, code, alias, village, tambon, amphoe, province, poverty_tier, members_count, income_thb_per_year)
    select 'hh_bench_' || g, 'BN-H-' || lpad(g::text, 4, '0'), 'สวนทดสอบ ' || g, 'บ้าน ' || (g % 7), 'แม่มอก', 'เถิน', 'ลำปาง', (g % 3 + 1)::text, g % 5 + 1, 20000 + (g * 137) % 60000
    from generate_series(1, ${HOUSEHOLDS}) g on conflict do nothing`
  // Sales shares: 4 households per order, every ~52 minutes over two years.
  await sql`insert into ledger_entry (id, idempotency_key, household_id, kind, satang, source, order_id, batch_id, booked_at)
    select 'le_bs_' || g || '_' || k, 'sales_share:bline_' || g || ':balloc_' || g || ':' || h, h, 'sales_share', 100 + (g * 31 + k) % 900,
      jsonb_build_object('type', 'unit_sale', 'orderId', 'order_bench_' || g, 'lineItemId', 'bline_' || g, 'unitAllocationId', 'balloc_' || g, 'batchId', 'batch_bench_' || (g % 50), 'basisPoints', 1000),
      'order_bench_' || g, 'batch_bench_' || (g % 50), ${FROM}::timestamptz + g * interval '52 minutes'
    from generate_series(1, ${ORDERS}) g, generate_series(0, 3) k, lateral (select 'hh_bench_' || (1 + (g * 7 + k * 53) % ${HOUSEHOLDS}) as h) x`
  // Farm-gate purchases (2 a month) and a payment a month per household.
  await sql`insert into ledger_entry (id, idempotency_key, household_id, kind, satang, source, harvest_lot_id, booked_at)
    select 'le_bf_' || g || '_' || m || '_' || k, 'farm_gate_purchase:hl_bench_' || g || '_' || m || '_' || k, 'hh_bench_' || g, 'farm_gate_purchase', 50000 + g * 10 + k,
      jsonb_build_object('type', 'harvest_lot', 'harvestLotId', 'hl_bench_' || g || '_' || m || '_' || k, 'grams', 10000, 'pricePerKgSatang', 5000 + g, 'priceId', null),
      'hl_bench_' || g || '_' || m || '_' || k, ${FROM}::timestamptz + m * interval '1 month' + (k * 10 + g % 9) * interval '1 day'
    from generate_series(1, ${HOUSEHOLDS}) g, generate_series(0, ${MONTHS - 1}) m, generate_series(0, 1) k`
  await sql`insert into ledger_entry (id, idempotency_key, household_id, kind, satang, source, payout_id, booked_at)
    select 'le_bp_' || g || '_' || m, 'payment:payrun_bench_' || m || ':hh_bench_' || g, 'hh_bench_' || g, 'payment', -90000,
      jsonb_build_object('type', 'payout', 'payoutId', 'payrun_bench_' || m, 'method', 'bank_transfer', 'receiptNumber', 'RV-B-' || m || '-' || g),
      'payrun_bench_' || m, ${FROM}::timestamptz + m * interval '1 month' + interval '27 days'
    from generate_series(1, ${HOUSEHOLDS}) g, generate_series(0, ${MONTHS - 1}) m`
  await sql`analyze ledger_entry`
  const [n] = await sql`select count(*)::int as n from ledger_entry`
  return { households: HOUSEHOLDS, entries: Number(n!.n) }
}

export type MoneyMeasured = { name: string; url: string; requests: number; ok2xx: number; p50Ms: number; p99Ms: number; under300MsP99: boolean }

/** The statement and impact views, each for `seconds` with a few admin users at once. */
export async function measureMoneyViews(medusaUrl: string, token: string, seconds: number): Promise<MoneyMeasured[]> {
  const targets = [
    { name: "admin: household monthly statement", url: `${medusaUrl}/admin/households/hh_bench_17/statement?month=2026-03` },
    { name: "admin: impact view (year)", url: `${medusaUrl}/admin/impact?year=2026&poverty_line=12000` },
    { name: "admin: impact view (month)", url: `${medusaUrl}/admin/impact?month=2025-11` },
  ]
  const out: MoneyMeasured[] = []
  for (const t of targets) {
    const headers = { authorization: `Bearer ${token}` }
    await autocannon({ url: t.url, connections: 4, duration: 2, headers })
    const r = await autocannon({ url: t.url, connections: 4, duration: seconds, headers })
    out.push({ name: t.name, url: t.url.replace(medusaUrl, ""), requests: r.requests.total, ok2xx: r["2xx"], p50Ms: r.latency.p50, p99Ms: r.latency.p99, under300MsP99: r.latency.p99 < 300 && r["2xx"] === r.requests.total })
  }
  return out
}
