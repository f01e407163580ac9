import type postgres from "postgres"
import type { AdminApi, Json } from "../tests/support/admin-api"

const TRACE_ORDERS = 10_000
const TRACE_PAGE = 100
/** Targets of the forward trace (issue 12: "fast at 10 000 orders"): a page an admin waits for, the recall phone list. */
export const TRACE_PAGE_P99_MS = 200
export const TRACE_CSV_MS = 5_000

/**
 * The forward trace of issue 12 at 10 000 orders: that many units of one batch, each allocated to an order of
 * its own (written in two statements; the orders' own rows are not made, the trace's indexed query on
 * unit_allocation is what is measured), then every page through GET /admin/batches/:id/orders (keyset pages
 * of 100), the Thai CSV of all buyers, and the query plan of one page.
 */
export async function benchForwardTrace(api: AdminApi, sql: postgres.Sql, batchId: string, variantId: string) {
  await sql`insert into label_unit (id, serial, batch_id, scan_count, network_count, created_at, updated_at)
    select 'lu_bench_' || g, 'BENCH' || lpad(g::text, 11, '0'), ${batchId}, 0, 0, now(), now() from generate_series(1, ${TRACE_ORDERS}::int) g`
  await sql`insert into unit_allocation (id, label_unit_id, batch_id, variant_id, order_id, line_item_id, method, created_at, updated_at)
    select 'ualloc_bench_' || g, 'lu_bench_' || g, ${batchId}, ${variantId}, 'order_bench_' || lpad(g::text, 6, '0'), 'ordli_bench_' || g, 'fifo', now(), now()
    from generate_series(1, ${TRACE_ORDERS}::int) g`
  await sql`analyze unit_allocation`
  // The first page after 10 000 rows arrive plans its query and warms the route: timed on its own (firstMs), as
  // every other target has its warm-up, so the p99 is of the pages an admin pages through.
  const firstStarted = performance.now()
  await api.ok("GET", `/admin/batches/${batchId}/orders?limit=${TRACE_PAGE}`)
  const firstMs = Math.round(performance.now() - firstStarted)
  const times: number[] = []
  let after: string | null = null
  let rows = 0
  const t0 = performance.now()
  do {
    const started = performance.now()
    const page: Json = await api.ok("GET", `/admin/batches/${batchId}/orders?limit=${TRACE_PAGE}${after ? `&after=${after}` : ""}`)
    times.push(performance.now() - started)
    rows += (page.orders as Json[]).length
    after = page.next as string | null
  } while (after)
  const walkMs = performance.now() - t0
  const csvStarted = performance.now()
  const csv = await api.raw(`/admin/batches/${batchId}/orders?format=csv`)
  const csvLines = (await csv.text()).trim().split("\n").length
  const csvMs = performance.now() - csvStarted
  // The page query of listActiveAllocationsForBatch (traceability service), with its keyset on the index's whole key.
  const plan = (await sql.unsafe(
    `explain select a.id from unit_allocation a join label_unit u on u.id = a.label_unit_id join batch b on b.id = a.batch_id
     where a.batch_id = $1 and a.released_at is null and a.deleted_at is null and (a.batch_id, a.order_id, a.id) > ($1, $2, $3) order by a.order_id, a.id limit ${TRACE_PAGE}`,
    [batchId, "order_bench_005000", "ualloc_bench_5000"]
  )).map((r) => String(r["QUERY PLAN"]))
  const sorted = [...times].sort((a, b) => a - b)
  const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!)
  return {
    orders: TRACE_ORDERS,
    pageSize: TRACE_PAGE,
    pages: times.length,
    firstMs,
    rowsSeen: rows,
    p50Ms: pct(50),
    p99Ms: pct(99),
    walkMs: Math.round(walkMs),
    csvMs: Math.round(csvMs),
    csvLines,
    usesIndex: plan.some((l) => l.includes("IDX_unit_allocation_active_batch")),
    plan,
  }
}
