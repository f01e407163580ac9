/**
 * `npm run bench`: the storefront and provenance pages against Medusa's bare Store API, side by side in one
 * run, on the production builds and a throwaway embedded PostgreSQL. Prints a table and writes
 * bench/results.json (how to read it: bench/README.md). Scratch files go to the git-ignored bench/tmp/.
 */
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import autocannon from "autocannon"
import postgres from "postgres"
import { buildAll } from "../backend/launcher/build"
import type { Database } from "../backend/launcher/database"
import { startMedusa } from "../backend/launcher/medusa"
import { repoRoot } from "../backend/launcher/paths"
import { waitForHttp, type Service } from "../backend/launcher/processes"
import { publishableKeyToken } from "../backend/launcher/state"
import { startStorefront } from "../backend/launcher/storefront"
import { PUBLISHABLE_KEY_TITLE } from "../backend/src/lib/seed/catalogue"
import { qrVersion } from "../backend/src/lib/traceability/qr"
import { launchChromium, transferredBytes } from "../tests/e2e/browser"
import { adminApi, adminToken, type AdminApi, type Json } from "../tests/support/admin-api"
import { freePort } from "../tests/support/ports"
import { Visitor } from "../tests/support/storefront-visitor"
import { addBenchCatalogue, productPagePaths, visitEach } from "./catalogue"
import { STEPS as CHECKOUT_STEPS } from "../storefront/app/lib/checkout/checkout-steps"
import { benchCheckoutFlow, CHECKOUT_FORMS, checkoutFlowChecks, printCheckoutFlow } from "./checkout-flow"
import { ACCEPT_ENCODING, startBenchDatabase } from "./stack"
import { benchForwardTrace, TRACE_CSV_MS, TRACE_PAGE_P99_MS } from "./forward-trace"
import { addLedgerVolume, measureMoneyViews } from "./household-money"
import { lighthouseChecks, runLighthouse, type LighthousePage } from "./lighthouse"
import { benchRedisUrl, measureRedisCost, printRedisCost, redisCostChecks } from "./redis-cost"

const CONNECTIONS = 50
const SECONDS = Number(process.env.BENCH_SECONDS || 10)
const WARMUP_SECONDS = 5
const FRESHNESS_BOUND_MS = 5000
const tmpDir = path.join(repoRoot, "bench", "tmp")
const resultsFile = path.join(repoRoot, "bench", "results.json")

type Target = {
  name: string
  url: string
  method?: "POST"
  body?: string
  headers?: Record<string, string>
  /** a fixed number of requests (scans) */
  fixedAmount?: boolean
  /** Cookie headers to rotate over, one per request (many shoppers, not one). */
  cookies?: string[]
  /** Paths to rotate over, one per request (e.g. 50 different carts). */
  paths?: string[]
}
type Measured = {
  name: string
  url: string
  requests: number
  ok2xx: number
  non2xx: number
  errors: number
  reqPerSec: number
  p50Ms: number
  p99Ms: number
  ratioToBare: number
}

const log = (line: string) => console.log(`[bench] ${line}`)
const seconds = (ms: number) => Math.round(ms / 100) / 10

async function cannon(target: Target, options: { seconds?: number; amount?: number }) {
  let next = 0
  const cookies = target.cookies
  const paths = target.paths
  return autocannon({
    url: target.url,
    connections: CONNECTIONS,
    ...(target.method ? { method: target.method, body: target.body } : {}),
    // As browsers (and the js-sdk's fetch) ask: every target takes gzip.
    headers: { ...ACCEPT_ENCODING, ...target.headers },
    ...(cookies?.length || paths?.length
      ? {
          requests: [
            {
              setupRequest: (req: any) => {
                const n = next++
                return {
                  ...req,
                  ...(paths?.length ? { path: paths[n % paths.length] } : {}),
                  headers: { ...req.headers, ...(cookies?.length ? { cookie: cookies[n % cookies.length] } : {}) },
                }
              },
            },
          ],
        }
      : {}),
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? SECONDS }),
  })
}

/** `npm start` on a fresh data folder, then again on the same data: its own printed "Ready in N s". */
async function timeNpmStart(): Promise<{ firstStartSeconds: number | null; secondStartSeconds: number | null }> {
  log("timing npm start (fresh data folder, then a second start) …")
  const dataDir = path.join(tmpDir, `start-${process.pid}`)
  fs.rmSync(dataDir, { recursive: true, force: true })
  const env = {
    ...process.env,
    MAE_MOK_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
    MEDUSA_PORT: String(await freePort()),
    MEDUSA_DISABLE_TELEMETRY: "true",
  }
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "backend", "launcher", "start.ts")], {
        cwd: repoRoot,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      })
      let output = ""
      let ready: number | null = null
      const timer = setTimeout(() => child.kill("SIGTERM"), 240_000)
      const read = (chunk: Buffer) => {
        output += chunk.toString("utf8")
        const match = /Ready in ([\d.]+) s/.exec(output)
        if (match && ready === null) {
          ready = Number(match[1])
          child.kill("SIGTERM")
        }
      }
      child.stdout.on("data", read)
      child.stderr.on("data", read)
      child.on("exit", () => {
        clearTimeout(timer)
        if (ready !== null) resolve(ready)
        else reject(new Error(`npm start did not get ready:\n${output.split("\n").slice(-30).join("\n")}`))
      })
    })
  try {
    const firstStartSeconds = await once()
    const secondStartSeconds = await once()
    return { firstStartSeconds, secondStartSeconds }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Resolves once `read` gives the same number twice, a second apart. */
async function settled(read: () => Promise<number>): Promise<void> {
  for (let before = await read(); ; ) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = await read()
    if (now === before) return
    before = now
  }
}

/** Polls `url` until `seen(body, status)` holds; returns the delay since `since`, or null past the deadline. */
async function delayUntil(url: string, since: number, seen: (body: string, status: number) => boolean): Promise<number | null> {
  const deadline = since + 30_000
  while (Date.now() < deadline) {
    const res = await fetch(url, { redirect: "manual" })
    if (seen(await res.text(), res.status)) return Date.now() - since
    await new Promise((r) => setTimeout(r, 50))
  }
  return null
}

async function main() {
  const t0 = Date.now()
  fs.mkdirSync(tmpDir, { recursive: true })
  const loadBefore = os.loadavg()
  log(`load average before: ${loadBefore.map((x) => x.toFixed(2)).join(" ")} on ${os.cpus().length} cores`)
  const redisUrl = await benchRedisUrl()

  log("building what changed …")
  await buildAll(() => undefined)

  // BENCH_NPM_START=skip leaves out the two `npm start` runs (about a minute) while working on the bench.
  const start = process.env.BENCH_NPM_START === "skip" ? { firstStartSeconds: null, secondStartSeconds: null } : await timeNpmStart()
  log(`npm start: ready in ${start.firstStartSeconds} s fresh, ${start.secondStartSeconds} s second`)

  const services: Service[] = []
  let database: Database | undefined
  let sql: postgres.Sql | undefined
  try {
    // This Medusa counts in its own memory whatever the shell says; redis-cost.ts starts the one with Redis.
    const bench = await startBenchDatabase(path.join(tmpDir, `postgres-${process.pid}`), log, { REDIS_URL: "" })
    database = bench.database
    const { dbUrl, medusaPort, storefrontPort, medusaUrl, storefrontUrl, env } = bench
    const publishableKey = (await publishableKeyToken(dbUrl, PUBLISHABLE_KEY_TITLE)) ?? ""
    const medusa = startMedusa(env, { port: medusaPort, echo: false })
    services.push(medusa)
    await waitForHttp(`${medusaUrl}/health`, 120_000, medusa)
    // The second baseline (issue 17): Medusa with its caching module on (in-memory provider), on the same database,
    // serving only the bare endpoint (server mode: the first one runs the jobs).
    const cachedPort = await freePort()
    const cachedMedusa = startMedusa({ ...env, MEDUSA_CACHING: "memory", MEDUSA_WORKER_MODE: "server", MEDUSA_PORT: String(cachedPort) }, { port: cachedPort, echo: false })
    services.push(cachedMedusa)
    await waitForHttp(`http://127.0.0.1:${cachedPort}/health`, 120_000, cachedMedusa)
    const api = adminApi(medusaUrl, await adminToken(medusaUrl))
    const products = await addBenchCatalogue(api, 12)
    log(`catalogue: ${products} products with 2 variants each`)

    const storefront = startStorefront({ ...process.env, ...env, MEDUSA_PUBLISHABLE_KEY: publishableKey }, { port: storefrontPort, echo: false })
    services.push(storefront)
    await waitForHttp(`${storefrontUrl}/favicon.svg`, 60_000, storefront)

    const { batches } = await api.ok("GET", "/admin/batches?status=released")
    const full = await Promise.all((batches as Json[]).map(async (b) => (await api.ok("GET", `/admin/batches/${b.id}`)).batch as Json))
    const oil = full.find((b) => b.variant?.sku === "MM-OIL-30" && b.units.length >= 2)
    if (!oil) throw new Error("the seed has no released batch of MM-OIL-30 with label units")
    const firstVisitUnit = oil.units[1] as { serial: string; url: string }
    // The provenance target rotates over 50 units of the batch (not one URL): issue them through the admin API.
    const issued = (await api.ok("POST", `/admin/batches/${oil.id}/units`, { count: SCAN_UNITS })).units as { serial: string; url: string }[]
    const unit = issued[0]!
    const scanUnits = issued.map((u) => ({ serial: u.serial, path: new URL(u.url).pathname }))
    const oilProduct = (await api.ok("GET", `/admin/products?handle=mok-prai-herbal-massage-oil&fields=id,title,*variants,*variants.prices`)).products[0] as Json

    // Bytes a phone with an empty cache fetches for the provenance page (HTML, CSS, fonts: all it loads).
    const browser = await launchChromium()
    const firstVisit = await (async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "th-TH" })
      const page = await context.newPage()
      const requests: string[] = []
      page.on("request", (r) => requests.push(new URL(r.url()).pathname))
      const measured = await transferredBytes(page, firstVisitUnit.url)
      await context.close()
      return { status: measured.status, bytes: measured.bytes, requests }
    })()
    await browser.close()
    log(`provenance first visit: ${(firstVisit.bytes / 1024).toFixed(1)} KB in ${firstVisit.requests.length} requests`)

    // Shoppers as they really come: 50 with a cart each, 10 logged in, and visitors carrying cookies the shop did
    // not set (analytics, a load balancer's). Each request of a target takes the next shopper's cookies.
    const productPath = "/products/mok-prai-herbal-massage-oil"
    // Product targets rotate over every product and each of its variants (?variant=…), as shoppers browse.
    const catalogue = (await api.ok("GET", "/admin/products?limit=1000&fields=handle,status,*variants")).products as Json[]
    const productPaths = productPagePaths(catalogue)
    const shopperCookies = async (count: number, make: (v: Visitor, i: number) => Promise<void>) =>
      Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const v = new Visitor(storefrontUrl, { ip: `198.51.100.${i + 1}` })
          await make(v, i)
          return [...v.cookies].map(([name, value]) => `${name}=${value}`).join("; ")
        })
      )
    const cartCookies = await shopperCookies(50, async (v) => {
      const variant = /name="variant_id"[^>]* value="([^"]+)"/.exec((await v.get(productPath)).text)?.[1] ?? ""
      const added = await v.post("/cart", { intent: "add", variant_id: variant, quantity: "1" })
      if (added.status !== 302) throw new Error(`bench: adding to a cart answered ${added.status}`)
    })
    // 50 more carts with every checkout step filled in, so each step's page can be asked for (?step=…).
    const reviewCookies = await shopperCookies(50, async (v, i) => {
      const variant = /name="variant_id"[^>]* value="([^"]+)"/.exec((await v.get(productPath)).text)?.[1] ?? ""
      if ((await v.post("/cart", { intent: "add", variant_id: variant, quantity: "1" })).status !== 302) throw new Error("bench: adding to a cart failed")
      for (const [step, fields] of CHECKOUT_FORMS) {
        const done = await v.post("/checkout", fields(await v.get("/checkout"), `bench-review-${process.pid}-${i}@example.com`))
        if (done.status !== 302) throw new Error(`bench: the checkout's ${step} step answered ${done.status}`)
      }
    })
    const loginCookies = await shopperCookies(10, async (v, i) => {
      await v.get("/account/register")
      const email = `bench-${process.pid}-${i}@example.com`
      const registered = await v.post("/account/register", { first_name: "ทดสอบ", last_name: "ผู้ซื้อ", email, password: "bench-passphrase-long-enough" })
      if (registered.status !== 302) throw new Error(`bench: registering answered ${registered.status}`)
    })
    sql = postgres(dbUrl, { max: 1, onnotice: () => undefined })
    // The same 50 carts as Medusa knows them (the newest carts are the bench shoppers'), for the bare baseline.
    const cartIds = (await sql`select id from cart where deleted_at is null order by created_at desc limit ${cartCookies.length}`).map((r) => r.id as string)
    const strangerCookies = Array.from({ length: 50 }, (_, i) => `_ga=GA1.2.${1000 + i}.1700000000; AWSALB=node-${i % 3}`)
    log(`shoppers: ${cartCookies.length} carts, ${loginCookies.length} logins, ${strangerCookies.length} visitors with foreign cookies`)

    // Lighthouse (phone) on the pages shoppers and buyers open, cart and checkout with a shopper's own cart.
    // Pages that ask search engines to stay away (noindex) are not scored for SEO.
    const lighthousePages: LighthousePage[] = await Promise.all(
      [
        { name: "home", url: `${storefrontUrl}/` },
        { name: "product", url: `${storefrontUrl}${productPath}` },
        { name: "cart", url: `${storefrontUrl}/cart`, cookie: cartCookies[0] },
        { name: "checkout", url: `${storefrontUrl}/checkout`, cookie: cartCookies[1] },
        { name: "provenance", url: firstVisitUnit.url },
        { name: "herb page", url: `${storefrontUrl}/herbs/thao-en-on` },
      ].map(async (p) => {
        const html = await (await fetch(p.url, { headers: p.cookie ? { cookie: p.cookie } : {} })).text()
        return { ...p, indexed: !/<meta name="robots" content="noindex/.test(html) }
      })
    )
    const lighthouseResults = await runLighthouse(lighthousePages)
    for (const r of lighthouseResults) {
      log(`Lighthouse ${r.name}: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}, SEO ${r.seo ?? "(noindex)"}, CLS ${r.cls}, console ${r.consoleMessages.length}`)
    }

    const targets: Target[] = [
      { name: "provenance page (unit scan)", url: unit.url, fixedAmount: true, paths: scanUnits.map((u) => u.path) },
      { name: "product page", url: `${storefrontUrl}${productPath}`, paths: productPaths },
      { name: "product page, with a cart", url: `${storefrontUrl}${productPath}`, cookies: cartCookies, paths: productPaths },
      { name: "product page, logged in", url: `${storefrontUrl}${productPath}`, cookies: loginCookies, paths: productPaths },
      { name: "product page, foreign cookie", url: `${storefrontUrl}${productPath}`, cookies: strangerCookies, paths: productPaths },
      { name: "home page", url: `${storefrontUrl}/` },
      { name: "home page, with a cart", url: `${storefrontUrl}/`, cookies: cartCookies },
      { name: "home page, logged in", url: `${storefrontUrl}/`, cookies: loginCookies },
      { name: "cart page, 50 carts", url: `${storefrontUrl}/cart`, cookies: cartCookies },
      ...CHECKOUT_STEPS.map((step) => ({ name: `checkout ${step} step, 50 carts`, url: `${storefrontUrl}/checkout?step=${step}`, cookies: reviewCookies })),
      { name: "Medusa GET /store/products?limit=12", url: `${medusaUrl}/store/products?limit=12`, headers: { "x-publishable-api-key": publishableKey } },
      { name: CACHED_BARE, url: `http://127.0.0.1:${cachedPort}/store/products?limit=12`, headers: { "x-publishable-api-key": publishableKey } },
      { name: "Medusa GET /store/carts/:id, 50 carts", url: `${medusaUrl}/store/carts`, headers: { "x-publishable-api-key": publishableKey }, paths: cartIds.map((id) => `/store/carts/${id}`) },
      { name: "static file (storefront Node)", url: `${storefrontUrl}/favicon.svg` },
    ]

    const serials = scanUnits.map((u) => u.serial)
    const scanCount = async () => Number((await sql!`select coalesce(sum(scan_count), -1)::int as n from label_unit where serial = any(${serials})`)[0]!.n)
    const scanEvents = async () => Number((await sql!`select count(*)::int as n from scan_event where serial = any(${serials})`)[0]!.n)

    // The storefront's memory while it serves the targets (issue 17: below 300 MB RSS).
    // `target` is the peak during the current target alone, so the log says which page makes it grow.
    const rssPeak = { mb: 0, target: 0 }
    const sampler = setInterval(() => {
      const status = fs.readFileSync(`/proc/${storefront.child.pid}/status`, "utf8")
      const mb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
      rssPeak.mb = Math.max(rssPeak.mb, mb)
      rssPeak.target = Math.max(rssPeak.target, mb)
    }, 250)
    const measured: Omit<Measured, "ratioToBare">[] = []
    let scans = { requested: 0, ok2xx: 0, countBefore: 0, countAfter: 0, eventsBefore: 0, eventsAfter: 0 }
    const measure = async (target: Target) => {
      rssPeak.target = 0
      const warm = await cannon(target, { seconds: WARMUP_SECONDS })
      let result
      if (target.fixedAmount) {
        // A fixed number of requests, so every one is answered and the scan count can be compared exactly.
        const amount = Math.max(200, Math.round(warm.requests.average * SECONDS))
        // The warm-up stopped with requests still under way: start counting once they are all stored.
        await settled(async () => (await scanCount()) + (await scanEvents()))
        scans.countBefore = await scanCount()
        scans.eventsBefore = await scanEvents()
        result = await cannon(target, { amount })
        scans = { ...scans, requested: amount, ok2xx: result["2xx"], countAfter: await scanCount(), eventsAfter: await scanEvents() }
      } else {
        result = await cannon(target, {})
      }
      const row = {
        name: target.name,
        url: target.url,
        requests: result.requests.total,
        ok2xx: result["2xx"],
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        reqPerSec: Math.round(result.requests.total / result.duration),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
      }
      log(`${row.name}: ${row.reqPerSec} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms (${row.non2xx} non-2xx, ${row.errors} errors); storefront peak RSS ${rssPeak.target} MB`)
      return row
    }
    for (const target of targets) measured.push(await measure(target))
    const scanPaths = scanUnits.map((u) => u.path)
    const redisCost = redisUrl ? await measureRedisCost({ redisUrl, env, medusaUrl, storefrontUrl, publishableKey, scanPaths, measure, services, log }) : null
    const bare = measured.find((m) => m.name.startsWith("Medusa GET /store/products"))!.reqPerSec
    const rows: Measured[] = measured.map((m) => ({ ...m, ratioToBare: Math.round((m.reqPerSec / bare) * 10) / 10 }))

    // The same pages on a 500-product catalogue (issue 17): every product and variant in rotation again.
    const bigCatalogue = process.env.BENCH_BIG_CATALOGUE === "skip" ? null : await (async () => {
      const total = await addBenchCatalogue(api, BIG_CATALOGUE)
      const all = (await api.ok("GET", "/admin/products?limit=1000&fields=handle,status,*variants")).products as Json[]
      const paths = productPagePaths(all)
      log(`catalogue: ${total} products (${paths.length} product page URLs)`)
      // Each page rendered once first (timed: a start or a change costs this once), then the steady state.
      const firstPass = await visitEach(storefrontUrl, paths)
      log(`first pass over the ${paths.length} URLs: ${(firstPass.ms / 1000).toFixed(1)} s, ${firstPass.failed} not 200`)
      const big: Target[] = [
        { name: `product page, ${total} products`, url: `${storefrontUrl}${productPath}`, paths },
        { name: `product page with a cart, ${total} products`, url: `${storefrontUrl}${productPath}`, paths, cookies: cartCookies },
        { name: `home page, ${total} products`, url: `${storefrontUrl}/` },
        { name: `Medusa GET /store/products?limit=12, ${total} products`, url: `${medusaUrl}/store/products?limit=12`, headers: { "x-publishable-api-key": publishableKey } },
      ]
      const bigRows: Omit<Measured, "ratioToBare">[] = []
      for (const t of big) bigRows.push(await measure(t))
      const bigBare = bigRows[bigRows.length - 1]!.reqPerSec
      return { products: total, firstPass, targets: bigRows.map((m) => ({ ...m, ratioToBare: Math.round((m.reqPerSec / Math.max(1, bigBare)) * 10) / 10 })) }
    })()

    clearInterval(sampler)
    log(`storefront memory: peak ${rssPeak.mb} MB RSS`)

    const forwardTrace = await benchForwardTrace(api, sql, oil.id as string, (oil.variant as Json).id as string)
    log(`forward trace at ${forwardTrace.orders} orders: ${forwardTrace.pages} pages (before them a warm-up page, outside the p99: ${forwardTrace.firstMs} ms), p50 ${forwardTrace.p50Ms} ms, p99 ${forwardTrace.p99Ms} ms, CSV ${forwardTrace.csvMs} ms, index ${forwardTrace.usesIndex}`)

    // Freshness: a price, a title and a batch status changed through the admin API, seen on the pages.
    const variant = (oilProduct.variants as Json[]).find((v) => v.sku === "MM-OIL-30")!
    const productUrl = `${storefrontUrl}/products/mok-prai-herbal-massage-oil`
    let since = Date.now()
    await api.ok("POST", `/admin/products/${oilProduct.id}/variants/${variant.id}`, { prices: [{ currency_code: "thb", amount: 177 }] })
    const priceMs = await delayUntil(productUrl, since, (body) => body.includes('"price":177'))
    since = Date.now()
    const title = `${oilProduct.title} (bench ${process.pid})`
    await api.ok("POST", `/admin/products/${oilProduct.id}`, { title })
    const titleProductMs = await delayUntil(productUrl, since, (body) => body.includes(title))
    const titleHomeMs = await delayUntil(`${storefrontUrl}/`, since, (body) => body.includes(title))
    const titleProvenanceMs = await delayUntil(`${storefrontUrl}${new URL(unit.url).pathname.replace(/\/21\/.*$/, "")}`, since, (body) => body.includes(title))
    since = Date.now()
    await api.ok("POST", `/admin/batches/${oil.id}/recall`, { reason: "bench: freshness check" })
    const recallMs = await delayUntil(`${storefrontUrl}${new URL(unit.url).pathname.replace(/\/21\/.*$/, "")}`, since, (_body, status) => status === 410)
    const freshness = { priceMs, titleProductMs, titleHomeMs, titleProvenanceMs, recallMs, boundMs: FRESHNESS_BOUND_MS }

    // Household money at scale (issue 13): statement and impact over 2 years × 200 households × 20 000 orders.
    const volume = await addLedgerVolume(sql)
    log(`household ledger: ${volume.entries} entries for ${volume.households} households`)
    const householdMoney = { ...volume, views: await measureMoneyViews(medusaUrl, await adminToken(medusaUrl), SECONDS) }
    for (const v of householdMoney.views) log(`${v.name}: p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (${v.ok2xx}/${v.requests} 2xx)`)
    // The whole checkout, last: its orders take stock and change the content stamp (BENCH_CHECKOUT=skip leaves it out).
    const checkoutFlow = process.env.BENCH_CHECKOUT === "skip" ? null : await benchCheckoutFlow({ medusaUrl, storefrontUrl, publishableKey, api: adminApi(medusaUrl, await adminToken(medusaUrl)), sql }, log, { cpuOf: { medusa: medusa.child.pid, storefront: storefront.child.pid } })

    const loadAfter = os.loadavg()
    const results = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "", node: process.version, loadBefore, loadAfter },
      settings: { connections: CONNECTIONS, secondsPerTarget: SECONDS, warmupSeconds: WARMUP_SECONDS, products: products },
      targets: rows,
      scans: { ...scans, countedExactly: scans.countAfter - scans.countBefore === scans.ok2xx && scans.ok2xx === scans.requested },
      freshness,
      forwardTrace,
      provenanceFirstVisit: { bytes: firstVisit.bytes, kb: Math.round(firstVisit.bytes / 102.4) / 10, requests: firstVisit.requests },
      qr: { url: unit.url, version: qrVersion(unit.url), errorCorrection: "M" },
      householdMoney,
      checkoutFlow,
      lighthouse: lighthouseResults,
      bigCatalogue,
      redisCost,
      storefrontMemory: { peakRssMb: rssPeak.mb },
      npmStart: start,
      benchSeconds: seconds(Date.now() - t0),
    }
    const checks = [
      ...targetChecks(results),
      {
        target: `forward trace at ${forwardTrace.orders} orders: page p99 < ${TRACE_PAGE_P99_MS} ms on the batch index, the whole buyer CSV < ${TRACE_CSV_MS} ms`,
        measured: `p99 ${forwardTrace.p99Ms} ms, index ${forwardTrace.usesIndex}, CSV ${forwardTrace.csvMs} ms (${forwardTrace.csvLines} lines)`,
        ok: forwardTrace.p99Ms < TRACE_PAGE_P99_MS && forwardTrace.usesIndex && forwardTrace.csvMs < TRACE_CSV_MS && forwardTrace.rowsSeen >= forwardTrace.orders,
      },
      ...householdMoney.views.map((v) => ({ target: `${v.name}: p99 < 300 ms, no error`, measured: `p99 ${v.p99Ms} ms, ${v.ok2xx}/${v.requests} 2xx`, ok: v.under300MsP99 })),
      ...lighthouseChecks(lighthouseResults),
      ...redisCostChecks(redisCost),
      ...(checkoutFlow ? checkoutFlowChecks(checkoutFlow) : []),
      ...(bigCatalogue?.targets ?? [])
        .filter((t) => !t.name.startsWith("Medusa"))
        .map((t) => ({ target: `${t.name}: ≥ 20× bare Medusa on the same catalogue, p99 < 100 ms, no error`, measured: `${t.ratioToBare}×, p99 ${t.p99Ms} ms, ${t.non2xx + t.errors} errors`, ok: t.ratioToBare >= 20 && t.p99Ms < 100 && t.non2xx + t.errors === 0 })),
      { target: "storefront memory under the bench < 300 MB RSS", measured: `peak ${rssPeak.mb} MB`, ok: rssPeak.mb > 0 && rssPeak.mb < 300 },
    ]
    fs.writeFileSync(resultsFile, JSON.stringify({ ...results, checks }, null, 2) + "\n")
    printTable(results)
    printRedisCost(redisCost)
    if (checkoutFlow) printCheckoutFlow(checkoutFlow)
    console.log("")
    for (const c of checks) console.log(`${c.ok ? "ok  " : "MISS"} ${c.target}: ${c.measured}`)
    const missed = checks.filter((c) => !c.ok)
    if (missed.length) throw new Error(`${missed.length} target(s) missed: ${missed.map((c) => c.target).join("; ")}`)
  } finally {
    await sql?.end().catch(() => undefined)
    for (const service of services.reverse()) await service.stop().catch(() => undefined)
    await database?.stop().catch(() => undefined)
  }
}

/** The baseline with Medusa's caching module on. */
const CACHED_BARE = "Medusa GET /store/products?limit=12, caching module on"
/** The large catalogue of issue 17. */
const BIG_CATALOGUE = 500
/** Units the provenance target rotates over (issue 17: ≥ 50 distinct units). */
const SCAN_UNITS = 50
type Check = { target: string; measured: string; ok: boolean }

/** The targets of bench/README.md, each against this run's own figures; `npm run bench` fails on a miss. */
function targetChecks(r: {
  targets: Measured[]
  scans: { countedExactly: boolean }
  freshness: Record<string, number | null>
  provenanceFirstVisit: { kb: number }
}): Check[] {
  const row = (name: string) => r.targets.find((t) => t.name === name)!
  const checks: Check[] = []
  const errorsOf = (t: Measured) => t.non2xx + t.errors
  for (const t of r.targets) checks.push({ target: `${t.name}: no error`, measured: `${errorsOf(t)} non-2xx/errors`, ok: errorsOf(t) === 0 })
  for (const name of ["provenance page (unit scan)", "product page", "home page"]) {
    const t = row(name)
    checks.push({ target: `${name}: ≥ 20× bare Medusa, p99 < 100 ms`, measured: `${t.ratioToBare}×, p99 ${t.p99Ms} ms`, ok: t.ratioToBare >= 20 && t.p99Ms < 100 })
    const cached = row(CACHED_BARE)
    const ratio = Math.round((t.reqPerSec / Math.max(1, cached.reqPerSec)) * 10) / 10
    checks.push({ target: `${name}: ≥ 5× Medusa with its caching module on`, measured: `${ratio}× (${t.reqPerSec} vs ${cached.reqPerSec} req/s)`, ok: ratio >= 5 })
  }
  for (const page of ["product page", "home page"]) {
    const alone = row(page)
    for (const who of ["with a cart", "logged in", "foreign cookie"]) {
      const t = r.targets.find((x) => x.name === `${page}, ${who}`)
      if (!t) continue
      const ratio = Math.round((t.reqPerSec / alone.reqPerSec) * 100) / 100
      checks.push({ target: `${page}, ${who}: ≥ 0.8× the page without cookies, p99 < 100 ms`, measured: `${ratio}×, p99 ${t.p99Ms} ms`, ok: ratio >= 0.8 && t.p99Ms < 100 })
    }
  }
  const bareCarts = row("Medusa GET /store/carts/:id, 50 carts")
  for (const name of ["cart page, 50 carts", ...CHECKOUT_STEPS.map((step) => `checkout ${step} step, 50 carts`)]) {
    const t = row(name)
    const ratio = Math.round((t.reqPerSec / Math.max(1, bareCarts.reqPerSec)) * 10) / 10
    checks.push({ target: `${name}: ≥ 2× Medusa's bare GET /store/carts/:id, p99 < 300 ms`, measured: `${ratio}×, p99 ${t.p99Ms} ms`, ok: ratio >= 2 && t.p99Ms < 300 })
  }
  checks.push({ target: "every scan counted exactly", measured: String(r.scans.countedExactly), ok: r.scans.countedExactly })
  const bound = r.freshness.boundMs ?? FRESHNESS_BOUND_MS
  for (const [name, ms] of Object.entries(r.freshness)) {
    if (name !== "boundMs") checks.push({ target: `${name} within ${bound} ms`, measured: `${ms} ms`, ok: ms !== null && ms <= bound })
  }
  checks.push({ target: "provenance first visit ≤ 100 KB", measured: `${r.provenanceFirstVisit.kb} KB`, ok: r.provenanceFirstVisit.kb <= 100 })
  return checks
}

function printTable(r: { targets: Measured[]; [key: string]: any }) {
  const pad = (s: string | number, n: number, left = false) => (left ? String(s).padEnd(n) : String(s).padStart(n))
  console.log("")
  console.log(`${pad("target", 38, true)}${pad("req/s", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("× bare", 9)}${pad("non-2xx", 9)}`)
  for (const t of r.targets) {
    console.log(`${pad(t.name, 38, true)}${pad(t.reqPerSec, 9)}${pad(t.p50Ms, 9)}${pad(t.p99Ms, 9)}${pad(t.ratioToBare, 9)}${pad(t.non2xx + t.errors, 9)}`)
  }
  const f = r.freshness
  console.log("")
  console.log(`scans: ${r.scans.requested} requested, ${r.scans.ok2xx} answered 2xx, scan_count +${r.scans.countAfter - r.scans.countBefore}, scan_event +${r.scans.eventsAfter - r.scans.eventsBefore} → ${r.scans.countedExactly ? "counted exactly" : "NOT counted exactly"}`)
  console.log(`changes seen after (ms): price ${f.priceMs}, title on product ${f.titleProductMs} / home ${f.titleHomeMs} / provenance ${f.titleProvenanceMs}, recall ${f.recallMs} (bound ${f.boundMs})`)
  console.log(`provenance first visit: ${r.provenanceFirstVisit.kb} KB; unit label QR version ${r.qr.version} (level M)`)
  console.log(`npm start: ready in ${r.npmStart.firstStartSeconds} s on a fresh data folder, ${r.npmStart.secondStartSeconds} s on the second start`)
  console.log(`load average before ${r.machine.loadBefore.map((x: number) => x.toFixed(2)).join(" ")}, after ${r.machine.loadAfter.map((x: number) => x.toFixed(2)).join(" ")}; bench took ${r.benchSeconds} s`)
  console.log(`written to ${path.relative(process.cwd(), resultsFile)}`)
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`\nnpm run bench failed: ${err instanceof Error ? err.stack : String(err)}`)
    process.exit(1)
  }
)
