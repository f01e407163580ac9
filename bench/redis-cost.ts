/**
 * The cost of REDIS_URL (issue 17), a part of `npm run bench`: the same targets against the bench's Medusa (no
 * Redis: throttles and the scan guess limit count in its own memory) and against a second Medusa started with
 * REDIS_URL on the same database (they count in Redis, and Medusa's own event bus, workflow engine, locking and
 * caching modules use it too), each behind a storefront of its own, measured one after the other in the same run.
 *
 * BENCH_REDIS=skip leaves it out; BENCH_REDIS_URL names the Redis (default redis://127.0.0.1:6379).
 */
import Redis from "ioredis"
import { startMedusa } from "../backend/launcher/medusa"
import { waitForHttp, type Service } from "../backend/launcher/processes"
import { startStorefront } from "../backend/launcher/storefront"
import { redisKeyPrefix } from "../backend/src/lib/throttle/store"
import { asStorefront } from "../tests/support/admin-api"
import { freePort } from "../tests/support/ports"
import { redisAnswers } from "../tests/support/redis"

type Target = { name: string; url: string; method?: "POST"; body?: string; headers?: Record<string, string>; paths?: string[] }
type Row = { name: string; requests: number; ok2xx: number; non2xx: number; errors: number; reqPerSec: number; p50Ms: number; p99Ms: number }
type Side = Pick<Row, "requests" | "ok2xx" | "non2xx" | "errors" | "reqPerSec" | "p50Ms" | "p99Ms">

export type RedisCostTarget = {
  name: string
  /** What every measured request must answer (the login is refused by its throttle: that refusal is what counts). */
  expect: "2xx" | "429"
  memory: Side
  redis: Side
  /** Redis req/s ÷ memory req/s (1 = no cost). */
  ratio: number
}
export type RedisCost = { redisUrl: string; targets: RedisCostTarget[]; keysInRedis: number; refusedAtEnd: { memory: number; redis: number } }

/** The Redis to measure against, or null with BENCH_REDIS=skip; fails at once, saying what to set, when it does not answer. */
export async function benchRedisUrl(): Promise<string | null> {
  if (process.env.BENCH_REDIS === "skip") return null
  const url = process.env.BENCH_REDIS_URL || "redis://127.0.0.1:6379"
  await redisAnswers(url).catch((err: Error) => {
    throw new Error(`npm run bench measures the cost of Redis at ${shown(url)} (BENCH_REDIS_URL), which did not answer (${err.message}); set BENCH_REDIS_URL to a Redis, or BENCH_REDIS=skip to leave that part out`)
  })
  return url
}

/** The URL without its password, for logs and results. */
const shown = (url: string) => url.replace(/\/\/([^@/]*)@/, "//***@")

// A customer login from a network of its own (TEST-NET-1 through the storefront's secret, so the bench's own
// admin logins from 127.0.0.1 stay allowed): after the first 30 it is refused by the per-IP throttle before any
// password check, so each request is the throttle's count and its 429, with or without Redis.
const login = {
  method: "POST" as const,
  body: JSON.stringify({ email: "bench-redis-cost@example.com", password: "not-the-password" }),
  headers: { "content-type": "application/json", ...asStorefront("192.0.2.17") },
}

export async function measureRedisCost(o: {
  redisUrl: string
  /** The bench's Medusa environment (its DATABASE_URL, secrets). */
  env: NodeJS.ProcessEnv
  medusaUrl: string
  storefrontUrl: string
  publishableKey: string
  /** Storefront paths of the provenance target's units (/01/…/21/…). */
  scanPaths: string[]
  /** The bench's own measuring (warm-up, then the measured run). */
  measure: (target: Target) => Promise<Row>
  /** Where the processes started here go, so the bench stops them on failure. */
  services: Service[]
  log: (line: string) => void
}): Promise<RedisCost> {
  const medusaPort = await freePort()
  const storefrontPort = await freePort()
  const redisMedusaUrl = `http://127.0.0.1:${medusaPort}`
  const redisStorefrontUrl = `http://127.0.0.1:${storefrontPort}`
  o.log(`cost of Redis: a second Medusa and storefront with REDIS_URL=${shown(o.redisUrl)} …`)
  const medusa = startMedusa({ ...o.env, REDIS_URL: o.redisUrl, MEDUSA_WORKER_MODE: "server", MEDUSA_PORT: String(medusaPort) }, { port: medusaPort, echo: false })
  o.services.push(medusa)
  await waitForHttp(`${redisMedusaUrl}/health`, 180_000, medusa)
  const storefront = startStorefront(
    { ...process.env, ...o.env, MEDUSA_PUBLISHABLE_KEY: o.publishableKey, MEDUSA_BACKEND_URL: redisMedusaUrl, STOREFRONT_URL: redisStorefrontUrl, PORT: String(storefrontPort) },
    { port: storefrontPort, echo: false }
  )
  o.services.push(storefront)
  await waitForHttp(`${redisStorefrontUrl}/favicon.svg`, 60_000, storefront)

  const pairs: { name: string; expect: "2xx" | "429"; at: (storefront: string, medusa: string) => Target }[] = [
    { name: "provenance page (unit scan)", expect: "2xx", at: (s) => ({ name: "", url: `${s}${o.scanPaths[0]}`, paths: o.scanPaths }) },
    {
      name: "customer login, refused by its throttle (429)",
      expect: "429",
      at: (_s, m) => ({ name: "", url: `${m}/auth/customer/emailpass`, ...login }),
    },
  ]
  const targets: RedisCostTarget[] = []
  try {
    for (const pair of pairs) {
      const side = async (which: string, storefrontUrl: string, medusaUrl: string): Promise<Side> => {
        const r = await o.measure({ ...pair.at(storefrontUrl, medusaUrl), name: `${pair.name}, ${which}` })
        return { requests: r.requests, ok2xx: r.ok2xx, non2xx: r.non2xx, errors: r.errors, reqPerSec: r.reqPerSec, p50Ms: r.p50Ms, p99Ms: r.p99Ms }
      }
      const memory = await side("no Redis", o.storefrontUrl, o.medusaUrl)
      const redis = await side("Redis", redisStorefrontUrl, redisMedusaUrl)
      targets.push({ name: pair.name, expect: pair.expect, memory, redis, ratio: Math.round((redis.reqPerSec / Math.max(1, memory.reqPerSec)) * 100) / 100 })
    }
    // Each side still refuses the throttled login, and the Redis side's counters are in Redis, not its memory.
    const refused = async (medusaUrl: string) => (await fetch(`${medusaUrl}/auth/customer/emailpass`, login)).status
    const refusedAtEnd = { memory: await refused(o.medusaUrl), redis: await refused(redisMedusaUrl) }
    return { redisUrl: shown(o.redisUrl), targets, keysInRedis: await countKeys(o.redisUrl, redisKeyPrefix(o.env.DATABASE_URL)), refusedAtEnd }
  } finally {
    for (const service of [storefront, medusa]) await service.stop().catch(() => undefined)
  }
}

async function countKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await redis.connect()
    let n = 0
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000)
      cursor = next
      n += keys.length
    } while (cursor !== "0")
    return n
  } finally {
    redis.disconnect()
  }
}

/** The part's checks: both sides answered as expected, and the Redis side counted in Redis. There is no target ratio. */
export function redisCostChecks(cost: RedisCost | null): { target: string; measured: string; ok: boolean }[] {
  if (!cost) return []
  const answered = (t: RedisCostTarget, s: Side) => (t.expect === "2xx" ? s.ok2xx === s.requests : s.non2xx === s.requests) && s.errors === 0
  return [
    ...cost.targets.map((t) => ({
      target: `cost of Redis, ${t.name}: every request answered ${t.expect} on both sides`,
      measured: `no Redis ${t.memory.reqPerSec} req/s, Redis ${t.redis.reqPerSec} req/s (${t.ratio}×)`,
      ok: answered(t, t.memory) && answered(t, t.redis),
    })),
    {
      target: "cost of Redis: the throttled login still refused (429) on both sides, its counters in Redis",
      measured: `${cost.refusedAtEnd.memory} / ${cost.refusedAtEnd.redis}, ${cost.keysInRedis} keys in Redis`,
      ok: cost.refusedAtEnd.memory === 429 && cost.refusedAtEnd.redis === 429 && cost.keysInRedis > 0,
    },
  ]
}

export function printRedisCost(cost: RedisCost | null): void {
  if (!cost) return console.log("\ncost of Redis: left out (BENCH_REDIS=skip)")
  const pad = (s: string | number, n: number, left = false) => (left ? String(s).padEnd(n) : String(s).padStart(n))
  console.log(`\ncost of Redis (${cost.redisUrl}), the same targets side by side:`)
  console.log(`${pad("target", 48, true)}${pad("no Redis: req/s", 17)}${pad("p99 ms", 8)}${pad("Redis: req/s", 14)}${pad("p99 ms", 8)}${pad("Redis ÷ no Redis", 18)}`)
  for (const t of cost.targets) {
    console.log(`${pad(t.name, 48, true)}${pad(t.memory.reqPerSec, 17)}${pad(t.memory.p99Ms, 8)}${pad(t.redis.reqPerSec, 14)}${pad(t.redis.p99Ms, 8)}${pad(`${t.ratio}×`, 18)}`)
  }
}
