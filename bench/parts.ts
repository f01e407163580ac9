/**
 * `node --import tsx bench/parts.ts`: only the forward trace (10 000 orders of one batch) and household money
 * (2 years × 200 households × 20 000 orders) parts of `npm run bench`, on the same data and the same measuring
 * functions, with the EXPLAIN ANALYZE of the queries behind them. A few minutes instead of a quarter hour.
 *
 * BENCH_BEFORE_BUILD=<dir>: also start Medusa from that copy of an earlier `backend/.medusa/server` (copied
 * inside this tree before rebuilding) on the same database, and measure both, alternating, side by side.
 */
import os from "node:os"
import path from "node:path"
import postgres from "postgres"
import { databaseUrl, ensureDatabase, startEmbeddedPostgres, type Database } from "../backend/launcher/database"
import { medusaEnv, startMedusa } from "../backend/launcher/medusa"
import { backendDir, repoRoot, resolveFrom } from "../backend/launcher/paths"
import { startService, waitForHttp, type Service } from "../backend/launcher/processes"
import { adminApi, adminToken, type Json } from "../tests/support/admin-api"
import { freePort } from "../tests/support/ports"
import { benchForwardTrace } from "./forward-trace"
import { addLedgerVolume, measureMoneyViews } from "./household-money"
import { seededBenchEnv } from "./stack"

const SECONDS = Number(process.env.BENCH_SECONDS || 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2)
const log = (line: string) => console.log(`[bench:parts] ${line}`)
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ")

async function main() {
  const services: Service[] = []
  let database: Database | undefined
  let sql: postgres.Sql | undefined
  log(`load average ${load()}`)
  try {
    database = await startEmbeddedPostgres({ dataDir: path.join(repoRoot, "bench", "tmp", `parts-${process.pid}`), port: await freePort(), persistent: false })
    const dbUrl = databaseUrl(database.serverUrl, "maemok_bench")
    await ensureDatabase(database.serverUrl, "maemok_bench")
    log("migrating and seeding …")
    const env = await seededBenchEnv(dbUrl)
    sql = postgres(dbUrl, { max: 1, onnotice: () => undefined })

    const builds: { name: string; url: string }[] = []
    const port = await freePort()
    // Both Medusas serve only (no jobs or subscribers in either), so they differ by their build alone.
    const medusa = startMedusa({ ...env, MEDUSA_WORKER_MODE: "server", MEDUSA_BACKEND_URL: `http://127.0.0.1:${port}` }, { port, echo: false })
    services.push(medusa)
    await waitForHttp(`http://127.0.0.1:${port}/health`, 180_000, medusa)
    builds.push({ name: "this build", url: `http://127.0.0.1:${port}` })
    const before = process.env.BENCH_BEFORE_BUILD
    if (before) {
      const beforePort = await freePort()
      const old = startService(process.execPath, [resolveFrom(backendDir, "@medusajs/cli/cli.js"), "start", "--port", String(beforePort), "--host", "127.0.0.1"], {
        cwd: path.resolve(before),
        env: medusaEnv({ ...env, MEDUSA_WORKER_MODE: "server", MEDUSA_PORT: String(beforePort), MEDUSA_BACKEND_URL: `http://127.0.0.1:${beforePort}` }),
        label: "medusa-before",
        echo: false,
      })
      services.push(old)
      await waitForHttp(`http://127.0.0.1:${beforePort}/health`, 180_000, old)
      builds.unshift({ name: "before", url: `http://127.0.0.1:${beforePort}` })
    }

    const api = adminApi(builds[builds.length - 1]!.url, await adminToken(builds[builds.length - 1]!.url))
    const { batches } = await api.ok("GET", "/admin/batches?status=released")
    const full = await Promise.all((batches as Json[]).map(async (b) => (await api.ok("GET", `/admin/batches/${b.id}`)).batch as Json))
    const oil = full.find((b) => b.variant?.sku === "MM-OIL-30" && b.units.length >= 2)
    if (!oil) throw new Error("the seed has no released batch of MM-OIL-30 with label units")

    // Forward trace: the bench's own function (data, walk, CSV, plan), then the same walk on each build.
    const traced = await benchForwardTrace(api, sql, oil.id as string, (oil.variant as Json).id as string)
    log(`forward trace (${builds[builds.length - 1]!.name}): p50 ${traced.p50Ms} ms, p99 ${traced.p99Ms} ms, CSV ${traced.csvMs} ms, index ${traced.usesIndex}`)
    console.log(traced.plan.join("\n"))
    // The same page with the keyset on (order_id, id) only, as the service asked before.
    const oldPlan = await sql.unsafe(
      `explain select a.id from unit_allocation a join label_unit u on u.id = a.label_unit_id join batch b on b.id = a.batch_id
       where a.batch_id = $1 and a.released_at is null and a.deleted_at is null and (a.order_id, a.id) > ($2, $3) order by a.order_id, a.id limit 100`,
      [oil.id, "order_bench_005000", "ualloc_bench_5000"]
    )
    console.log(`keyset on (order_id, id):\n${oldPlan.map((r) => String(r["QUERY PLAN"])).join("\n")}`)
    const analyze = await sql.unsafe(
      `explain (analyze, buffers) select a.id from unit_allocation a join label_unit u on u.id = a.label_unit_id join batch b on b.id = a.batch_id
       where a.batch_id = $1 and a.released_at is null and a.deleted_at is null and (a.batch_id, a.order_id, a.id) > ($1, $2, $3) order by a.order_id, a.id limit 100`,
      [oil.id, "order_bench_005000", "ualloc_bench_5000"]
    )
    console.log(analyze.map((r) => String(r["QUERY PLAN"])).join("\n"))

    const volume = await addLedgerVolume(sql)
    log(`household ledger: ${volume.entries} entries for ${volume.households} households; load ${load()}`)
    // The impact view's year query (traceability service ledgerHouseholdMonthTotals) for 2026.
    const starts = Array.from({ length: 12 }, (_, i) => `'2026-${String(i + 1).padStart(2, "0")}-01T00:00:00+07:00'`).join(", ")
    const yearQuery = `select household_id, width_bucket(booked_at, array[${starts}]::timestamptz[]) as bucket,
        coalesce(sum(satang) filter (where kind <> 'payment'), 0)::text as earned, coalesce(-sum(satang) filter (where kind = 'payment'), 0)::text as paid
      from ledger_entry where booked_at >= '2026-01-01T00:00:00+07:00' and booked_at < '2027-01-01T00:00:00+07:00' group by 1, 2`
    console.log((await sql.unsafe(`explain (analyze, buffers) ${yearQuery}`)).map((r) => String(r["QUERY PLAN"])).join("\n"))
    for (let round = 1; round <= ROUNDS; round++) {
      // Each round the other build goes first (the machine's load drifts).
      for (const b of round % 2 ? builds : [...builds].reverse()) {
        const views = await measureMoneyViews(b.url, await adminToken(b.url), SECONDS)
        for (const v of views) log(`round ${round}, ${b.name}: ${v.name}: p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (${v.ok2xx}/${v.requests} 2xx); load ${load()}`)
      }
    }
  } finally {
    await sql?.end().catch(() => undefined)
    for (const service of services.reverse()) await service.stop().catch(() => undefined)
    await database?.stop().catch(() => undefined)
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench/parts.ts failed: ${err instanceof Error ? err.stack : String(err)}`)
    process.exit(1)
  }
)
