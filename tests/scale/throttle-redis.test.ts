import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { seed, startMedusa } from "../../backend/launcher/medusa"
import { waitForHttp, type Service } from "../../backend/launcher/processes"
import { RedisCounterStore } from "../../backend/src/lib/throttle/store"
import { ADMIN_EMAIL, ADMIN_PASSWORD, appEnv, freePort, freshDatabase, type TestDatabase } from "../support/app"
import { counterStoreContract } from "../support/counter-store-contract"

// The throttles with REDIS_URL (docs/decisions/0024-throttling.md): the Redis counter store keeps the same
// contract as the memory one, and two Medusa server processes on one database count a guesser's attempts
// together, so spreading them over the servers of a deployment does not multiply the allowance.

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
const run = Date.now().toString(36)

counterStoreContract("Redis", () => new RedisCounterStore(REDIS_URL, `maemok:throttle:test-${run}:`))

let db: TestDatabase
const servers: { url: string; service: Service }[] = []

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
