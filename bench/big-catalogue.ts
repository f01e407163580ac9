/**
 * `node --import tsx bench/big-catalogue.ts`: only the 500-product part of `npm run bench` (issue 17), after
 * `npm run build`: the product pages at 50 connections over every product and `?variant=` URL, without and with a
 * cart, the storefront's peak RSS while it serves them, and Medusa's bare `GET /store/products?limit=12` on the
 * same catalogue, after a first pass over every URL (timed). A few minutes instead of a quarter hour.
 *
 * BENCH_BEFORE_STOREFRONT=<dir>: also start the storefront from that copy of an earlier one (server.js,
 * page-cache.js, body-limit.js and build/, copied under bench/tmp/ before rebuilding) on the same Medusa, and
 * measure both, alternating (`BENCH_ROUNDS`, default 2), so a change is quoted side by side.
 * BENCH_NODE_ARGS: node flags for this build's storefront, after STOREFRONT_NODE_FLAGS (e.g. "--max-semi-space-size=16", V8's own).
 * BENCH_CPU_PROF=<dir>: this build's storefront writes a --cpu-prof profile there on exit.
 * BENCH_HOLD=1: set up, print the URLs, and keep everything running until SIGINT / SIGTERM (to look closer).
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import autocannon from "autocannon"
import { databaseUrl, ensureDatabase, startEmbeddedPostgres, type Database } from "../backend/launcher/database"
import { startMedusa } from "../backend/launcher/medusa"
import { STOREFRONT_NODE_FLAGS } from "../backend/launcher/storefront"
import { repoRoot, storefrontDir } from "../backend/launcher/paths"
import { startService, waitForHttp, type Service } from "../backend/launcher/processes"
import { publishableKeyToken } from "../backend/launcher/state"
import { PUBLISHABLE_KEY_TITLE } from "../backend/src/lib/seed/catalogue"
import { adminApi, adminToken, type Json } from "../tests/support/admin-api"
import { freePort } from "../tests/support/ports"
import { Visitor } from "../tests/support/storefront-visitor"
import { addBenchCatalogue, productPagePaths, visitEach } from "./catalogue"
import { ACCEPT_ENCODING, seededBenchEnv } from "./stack"

const SECONDS = Number(process.env.BENCH_SECONDS || 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2)
const CONNECTIONS = 50
const PRODUCTS = 500
const log = (line: string) => console.log(`[bench:big] ${line}`)
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ")

type Storefront = { name: string; url: string; service: Service }

/** autocannon over `paths`, each request the next path (and the next cookie); the peak RSS of `pid` meanwhile. */
async function measure(url: string, paths: string[], cookies: string[] | null, pid: number, seconds: number) {
  let next = 0
  let peakKb = 0
  const sample = () => {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0)
    peakKb = Math.max(peakKb, kb)
  }
  const sampler = setInterval(sample, 250)
  try {
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          setupRequest: (req: any) => {
            const n = next++
            return { ...req, path: paths[n % paths.length], headers: { ...req.headers, ...ACCEPT_ENCODING, ...(cookies ? { cookie: cookies[n % cookies.length] } : {}) } }
          },
        },
      ],
    })
    sample()
    return {
      reqPerSec: Math.round(result.requests.total / result.duration),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      bad: result.non2xx + result.errors + result.timeouts,
      peakRssMb: Math.round(peakKb / 1024),
    }
  } finally {
    clearInterval(sampler)
  }
}

function startStorefrontFrom(dir: string, env: NodeJS.ProcessEnv, port: number, nodeArgs: string[], label: string): Service {
  return startService(process.execPath, [...STOREFRONT_NODE_FLAGS, ...nodeArgs, path.join(dir, "server.js")], {
    cwd: dir,
    env: { ...env, PORT: String(port), NODE_ENV: "production" },
    label,
    echo: false,
  })
}

async function main() {
  const services: Service[] = []
  let database: Database | undefined
  log(`load average ${load()}`)
  try {
    database = await startEmbeddedPostgres({ dataDir: path.join(repoRoot, "bench", "tmp", `big-${process.pid}`), port: await freePort(), persistent: false })
    const dbUrl = databaseUrl(database.serverUrl, "maemok_bench")
    await ensureDatabase(database.serverUrl, "maemok_bench")
    const medusaPort = await freePort()
    const medusaUrl = `http://127.0.0.1:${medusaPort}`
    log("migrating and seeding …")
    const env = await seededBenchEnv(dbUrl, { MEDUSA_PORT: String(medusaPort), MEDUSA_BACKEND_URL: medusaUrl })
    const publishableKey = (await publishableKeyToken(dbUrl, PUBLISHABLE_KEY_TITLE)) ?? ""
    const medusa = startMedusa(env, { port: medusaPort, echo: false })
    services.push(medusa)
    await waitForHttp(`${medusaUrl}/health`, 180_000, medusa)
    const api = adminApi(medusaUrl, await adminToken(medusaUrl))
    const total = await addBenchCatalogue(api, PRODUCTS)
    const all = (await api.ok("GET", "/admin/products?limit=1000&fields=handle,status,*variants")).products as Json[]
    const paths = productPagePaths(all)
    log(`catalogue: ${total} products (${paths.length} product page URLs)`)

    const storefronts: Storefront[] = []
    const start = async (name: string, dir: string, nodeArgs: string[]) => {
      const port = await freePort()
      const url = `http://127.0.0.1:${port}`
      const service = startStorefrontFrom(dir, { ...process.env, ...env, STOREFRONT_URL: url, MEDUSA_PUBLISHABLE_KEY: publishableKey }, port, nodeArgs, name)
      services.push(service)
      await waitForHttp(`${url}/favicon.svg`, 60_000, service)
      storefronts.push({ name, url, service })
    }
    const before = process.env.BENCH_BEFORE_STOREFRONT
    if (before) await start("before", path.resolve(before), [])
    const profDir = process.env.BENCH_CPU_PROF
    const nodeArgs = [...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []), ...(profDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profDir)}`] : [])]
    await start("this build", storefrontDir, nodeArgs)

    // 50 shoppers with a cart each (the session cookie is signed with the same development secret in both).
    const productPath = "/products/mok-prai-herbal-massage-oil"
    const cartCookies = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const v = new Visitor(storefronts[0]!.url, { ip: `198.51.100.${i + 1}` })
        const variant = /name="variant_id"[^>]* value="([^"]+)"/.exec((await v.get(productPath)).text)?.[1] ?? ""
        const added = await v.post("/cart", { intent: "add", variant_id: variant, quantity: "1" })
        if (added.status !== 302) throw new Error(`adding to a cart answered ${added.status}`)
        return [...v.cookies].map(([name, value]) => `${name}=${value}`).join("; ")
      })
    )

    if (process.env.BENCH_HOLD) {
      fs.writeFileSync(path.join(repoRoot, "bench", "tmp", "big-paths.txt"), paths.join("\n") + "\n")
      log(`holding: Medusa ${medusaUrl}, ${storefronts.map((s) => `${s.name} ${s.url} (pid ${s.service.child.pid})`).join(", ")}; paths in bench/tmp/big-paths.txt`)
      await new Promise((resolve) => ["SIGINT", "SIGTERM"].forEach((signal) => process.once(signal, resolve)))
      return
    }
    const bare = await measure(`${medusaUrl}/store/products?limit=12`, ["/store/products?limit=12"], null, medusa.child.pid!, SECONDS).catch(() => null)
    log(`Medusa GET /store/products?limit=12 (${total} products): ${bare?.reqPerSec} req/s, p99 ${bare?.p99Ms} ms`)
    for (const s of storefronts) {
      const first = await visitEach(s.url, paths)
      log(`${s.name}: first pass over the ${paths.length} URLs in ${(first.ms / 1000).toFixed(1)} s (${first.failed} not 200); load ${load()}`)
    }
    for (let round = 1; round <= ROUNDS; round++) {
      // Each round the other build goes first (the machine's load drifts).
      for (const s of round % 2 ? storefronts : [...storefronts].reverse()) {
        for (const [what, cookies] of [["product pages", null], ["product pages with a cart", cartCookies]] as const) {
          await measure(s.url, paths, cookies, s.service.child.pid!, 5)
          const m = await measure(s.url, paths, cookies, s.service.child.pid!, SECONDS)
          const ratio = bare ? Math.round((m.reqPerSec / Math.max(1, bare.reqPerSec)) * 10) / 10 : null
          log(`round ${round}, ${s.name}: ${what}: ${m.reqPerSec} req/s (${ratio}× bare), p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, ${m.bad} bad; peak RSS ${m.peakRssMb} MB; load ${load()}`)
        }
      }
    }
  } finally {
    for (const service of services.reverse()) await service.stop().catch(() => undefined)
    await database?.stop().catch(() => undefined)
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench/big-catalogue.ts failed: ${err instanceof Error ? err.stack : String(err)}`)
    process.exit(1)
  }
)
