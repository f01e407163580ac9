import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { seed, startMedusa } from "../../backend/launcher/medusa"
import { waitForHttp, type Service } from "../../backend/launcher/processes"
import { publishableKeyToken } from "../../backend/launcher/state"
import { PUBLISHABLE_KEY_TITLE } from "../../backend/src/lib/seed/catalogue"
import { appEnv, freePort, freshDatabase, type TestApp, type TestDatabase } from "../support/app"
import { sql, storeClient, waitFor } from "../support/payment-cart"
import { redisAnswers } from "../support/redis"

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"

type Process = { service: Service; output: () => string }

let db: TestDatabase
let server: Process
let worker: Process
/** What the shared store and SQL helpers need (no storefront here, and the two processes are started below). */
let app: Pick<TestApp, "db" | "medusaUrl" | "publishableKey">

/** Redis must answer before anything starts, or the failure would look like Medusa's. */
async function redisReady(url: string): Promise<void> {
  await redisAnswers(url).catch((err: Error) => {
    throw new Error(`npm run test:scale needs Redis at ${url} (set REDIS_URL): ${err.message}`)
  })
}

function launch(mode: "server" | "worker", env: NodeJS.ProcessEnv, port: number): Process {
  const service = startMedusa({ ...env, MEDUSA_WORKER_MODE: mode }, { port, echo: process.env.TEST_ECHO === "1" })
  let output = ""
  const keep = (chunk: Buffer) => {
    output += chunk.toString("utf8")
  }
  service.child.stdout!.on("data", keep)
  service.child.stderr!.on("data", keep)
  return { service, output: () => output }
}

beforeAll(async () => {
  await redisReady(REDIS_URL)
  db = await freshDatabase()
  const serverPort = await freePort()
  const env = { ...appEnv(db, serverPort, await freePort()), REDIS_URL }
  await seed(env)
  server = launch("server", env, serverPort)
  worker = launch("worker", env, await freePort())
  await waitForHttp(`http://127.0.0.1:${serverPort}/health`, 90_000, server.service)
  await waitFor("the worker to load", async () => worker.output().includes("Server is ready") || worker.service.child.exitCode !== null, 90_000)
  expect(worker.service.child.exitCode, worker.output()).toBeNull()
  const publishableKey = await publishableKeyToken(db.url, PUBLISHABLE_KEY_TITLE)
  app = { db, medusaUrl: `http://127.0.0.1:${serverPort}`, publishableKey: publishableKey! }
})

afterAll(async () => {
  await server?.service.stop()
  await worker?.service.stop()
  await db?.drop()
})

describe("server and worker with Redis", () => {
  it("uses the Redis event bus, workflow engine, locking and caching modules in both processes", () => {
    for (const { output } of [server, worker]) {
      expect(output()).toContain("Connection to Redis in module 'event-bus-redis' established")
      expect(output()).toContain("Connection to Redis in module 'workflow-engine-redis' established")
      // Production logs are JSON, so the provider's quotes arrive escaped.
      expect(output()).toMatch(/Connection to Redis in \\?"locking-redis\\?" provider established/)
      expect(output()).toMatch(/Redis cache (connection established successfully|is ready to accept commands)/)
      expect(output()).not.toContain("Local Event Bus installed")
    }
  })

  it("places an order through the server; the worker sends its confirmation", async () => {
    const client = storeClient(app)
    const { cart } = await client.cartReadyToPay([{ sku: "MM-CB-1", quantity: 1 }])
    expect((await client.startPayment(cart.id, "pp_system_default")).status).toBe(200)
    const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(completed.body.type, JSON.stringify(completed.body)).toBe("order")
    const order = completed.body.order

    const [notification] = await waitFor("the order confirmation", async () => {
      const rows = await sql(app, (q) => q`
        select "to", channel, template, resource_id from notification where resource_id = ${order.id} and template = 'order-placed'`)
      return rows.length > 0 ? rows : undefined
    })
    expect(notification).toMatchObject({ to: "somchai@example.com", channel: "email", template: "order-placed" })

    const line = `order-placed: mail for order #${order.display_id} handled by process`
    // The subscriber logs after the mail and its low-stock check: the row can be there before the line.
    await waitFor("the worker's log of the mail", async () => worker.output().includes(line) || server.output().includes(line))
    expect(worker.output()).toContain(line)
    expect(server.output()).not.toContain(line)
  })
})
