import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_GUESS_LIMIT } from "@mae-mok/traceability"
import { seed, startMedusa } from "../../backend/launcher/medusa"
import { waitForHttp, type Service } from "../../backend/launcher/processes"
import { publishableKeyToken } from "../../backend/launcher/state"
import { PUBLISHABLE_KEY_TITLE } from "../../backend/src/lib/seed/catalogue"
import { RedisCounterStore } from "../../backend/src/lib/throttle/store"
import { adminApi, adminToken, asStorefront, type Json } from "../support/admin-api"
import { ADMIN_EMAIL, ADMIN_PASSWORD, appEnv, freePort, freshDatabase, type TestDatabase } from "../support/app"
import { counterStoreContract } from "../support/counter-store-contract"

// The throttles with REDIS_URL (docs/decisions/0024-throttling.md, 0071): the Redis counter store keeps the same
// contract as the memory one, and two Medusa server processes on one database count a guesser's attempts
// (passwords, label codes) together, so spreading them over the servers of a deployment does not multiply the
// allowance.

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
const run = Date.now().toString(36)

counterStoreContract("Redis", () => new RedisCounterStore(REDIS_URL, `maemok:throttle:test-${run}:`))

let db: TestDatabase
const servers: { url: string; service: Service }[] = []
let publishableKey: string
type Batch = { id: string; lot_number: string; variant: { barcode: string }; units: { serial: string }[] }
let batch: Batch

beforeAll(async () => {
  db = await freshDatabase()
  const env = { ...appEnv(db, await freePort(), await freePort()), REDIS_URL }
  await seed(env)
  for (let i = 0; i < 2; i++) {
    const port = await freePort()
    const service = startMedusa({ ...env, MEDUSA_PORT: String(port), MEDUSA_WORKER_MODE: "server" }, { port, echo: process.env.TEST_ECHO === "1" })
    servers.push({ url: `http://127.0.0.1:${port}`, service })
  }
  for (const s of servers) await waitForHttp(`${s.url}/health`, 120_000, s.service)
  publishableKey = (await publishableKeyToken(db.url, PUBLISHABLE_KEY_TITLE))!
  // A released batch with label units for the guess limit, read before the login tests lock the admin out.
  const api = adminApi(servers[0]!.url, await adminToken(servers[0]!.url))
  const { batches } = await api.ok("GET", "/admin/batches?status=released")
  batch = (batches as Batch[]).find((b) => b.units.length >= 2)!
})

afterAll(async () => {
  for (const s of servers) await s.service.stop()
  await db?.drop()
})

async function login(server: number, email: string, password: string) {
  const res = await fetch(`${servers[server]!.url}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() }
}

describe("login throttle across two server processes sharing Redis", () => {
  it("10 wrong passwords spread over both servers lock the account on both; the right one waits too", async () => {
    for (let i = 0; i < 10; i++) expect((await login(i % 2, ADMIN_EMAIL, `wrong-${i}`)).status).toBe(401)
    for (const server of [0, 1]) {
      const refused = await login(server, ADMIN_EMAIL, "wrong-again")
      expect(refused.status).toBe(429)
      expect(Number(refused.retryAfter)).toBeGreaterThan(60)
      expect(refused.body.code).toBe("TOO_MANY_LOGIN_ATTEMPTS")
    }
    expect((await login(1, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(429)
  })

  it("30 failures from one IP on many accounts, spread over both servers, stop that IP on both", async () => {
    // The 13 attempts of the test above count for this IP (127.0.0.1): 10 failures and 3 refusals.
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) statuses.push((await login(i % 2, `nobody-${run}-${i}@example.com`, "wrong-password")).status)
    expect(statuses).toEqual([...Array(17).fill(401), 429, 429, 429])
  })
})

describe("scan guess limit across two server processes sharing Redis", () => {
  const guesser = "203.0.113.80"
  const unitPath = (serial: string) => `/store/provenance/${batch.variant.barcode}/${batch.lot_number}/${serial}`
  const unknownSerial = (i: number) => `ZZZZ${String(i).padStart(12, "0")}`

  async function scan(server: number, serial: string, ip: string) {
    const res = await fetch(`${servers[server]!.url}${unitPath(serial)}`, { headers: { "x-publishable-api-key": publishableKey, ...asStorefront(ip) } })
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Json }
  }

  it("guesses spread over both servers reach the limit on both; genuine labels still answer", async () => {
    expect(batch, "a released batch with units in the seed").toBeTruthy()
    const limit = DEFAULT_GUESS_LIMIT.limit
    // Alternating servers: each saw only half the limit, so a per-process count would answer every one of them.
    for (let i = 0; i < limit; i++) {
      const answer = await scan(i % 2, unknownSerial(i), guesser)
      expect(answer.status, `guess ${i + 1}`).toBe(404)
    }
    for (const server of [0, 1]) {
      const refused = await scan(server, unknownSerial(limit + server), guesser)
      expect(refused.status, `server ${server}`).toBe(429)
      expect(refused.body).toMatchObject({ code: "TOO_MANY_GUESSES" })
      expect(Number(refused.retryAfter)).toBeGreaterThan(0)
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(DEFAULT_GUESS_LIMIT.windowMs / 1000)
    }
    // The storefront's batch route counts in the same place.
    const res = await fetch(`${servers[1]!.url}/store/provenance/scans`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-publishable-api-key": publishableKey, ...asStorefront("10.0.0.1") },
      body: JSON.stringify({ scans: [{ gtin: batch.variant.barcode, lot: batch.lot_number, serial: unknownSerial(limit + 2), client_ip: guesser }] }),
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as Json).results[0]).toMatchObject({ status: 429, code: "TOO_MANY_GUESSES" })
    // A genuine label from the guesser's network, and another network's guess, are answered as ever.
    expect((await scan(1, batch.units[1]!.serial, guesser)).status).toBe(200)
    expect((await scan(0, unknownSerial(limit + 3), "203.0.113.81")).status).toBe(404)
  })
})
