import crypto from "node:crypto"
import fs from "node:fs"
import { inject } from "vitest"
import { databaseUrl, dropDatabase, ensureDatabase } from "../../backend/launcher/database"
import { seed, startMedusa } from "../../backend/launcher/medusa"
import { waitForHttp, type Service } from "../../backend/launcher/processes"
import { publishableKeyToken } from "../../backend/launcher/state"
import { startStorefront } from "../../backend/launcher/storefront"
import { PUBLISHABLE_KEY_TITLE } from "../../backend/src/lib/seed/catalogue"
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./admin-login"
import { freePort } from "./ports"
import "./env"

export { ADMIN_EMAIL, ADMIN_PASSWORD, freePort }

export type TestDatabase = { name: string; url: string; drop: () => Promise<void> }

/** Every process below `pid` (children, their children …), from /proc. */
function descendants(pid: number): number[] {
  let children: number[] = []
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim()
      if (text) children = children.concat(text.split(/\s+/).map(Number))
    }
  } catch {
    return []
  }
  return children.flatMap((c) => [c, ...descendants(c)])
}

/** A fresh database copied from the migrated template (about a second). */
export async function freshDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("dbServerUrl")
  const name = `maemok_t_${crypto.randomBytes(4).toString("hex")}`
  await ensureDatabase(serverUrl, name, inject("templateDb"))
  return { name, url: databaseUrl(serverUrl, name), drop: () => dropDatabase(serverUrl, name) }
}

/** Environment for Medusa processes of a test app. */
export function appEnv(db: TestDatabase, medusaPort: number, storefrontPort: number): NodeJS.ProcessEnv {
  return {
    // vitest sets NODE_ENV=test; the apps run as `npm start` runs them.
    NODE_ENV: "production",
    APP_ENV: "development",
    DATABASE_URL: db.url,
    MEDUSA_PORT: String(medusaPort),
    PORT: String(storefrontPort),
    MEDUSA_BACKEND_URL: `http://127.0.0.1:${medusaPort}`,
    STOREFRONT_URL: `http://127.0.0.1:${storefrontPort}`,
    MEDUSA_ADMIN_EMAIL: ADMIN_EMAIL,
    MEDUSA_ADMIN_PASSWORD: ADMIN_PASSWORD,
  }
}

export type TestApp = {
  db: TestDatabase
  medusaUrl: string
  storefrontUrl: string
  publishableKey: string
  env: NodeJS.ProcessEnv
  stop: () => Promise<void>
  /** Kills the Medusa process with SIGKILL, as a power cut would: no shutdown hooks run. */
  crashMedusa: () => Promise<void>
  /** Starts Medusa again on the same database and port, and waits until it answers. */
  restartMedusa: () => Promise<void>
}

/**
 * The real thing for one suite: a fresh seeded database, the built Medusa app over HTTP and,
 * when asked, the built storefront in front of it.
 */
export async function startTestApp(
  options: { storefront?: boolean; /** extra settings, e.g. payment providers */ env?: NodeJS.ProcessEnv } = {}
): Promise<TestApp> {
  const db = await freshDatabase()
  const medusaPort = await freePort()
  const storefrontPort = await freePort()
  const env = { ...appEnv(db, medusaPort, storefrontPort), ...options.env }
  const services: Service[] = []
  const stop = async () => {
    for (const service of services.reverse()) await service.stop()
    await db.drop().catch(() => undefined)
  }
  try {
    await seed(env)
    const publishableKey = await publishableKeyToken(db.url, PUBLISHABLE_KEY_TITLE)
    if (!publishableKey) throw new Error("the seed made no publishable key")
    const echo = process.env.TEST_ECHO === "1"
    let medusa = startMedusa(env, { port: medusaPort, echo })
    // Stopped last (services stop in reverse), whichever process is current by then.
    services.push({ get child() { return medusa.child }, get exited() { return medusa.exited }, stop: (ms?: number) => medusa.stop(ms) })
    await waitForHttp(`http://127.0.0.1:${medusaPort}/health`, 90_000, medusa)
    const crashMedusa = async () => {
      // The process and anything it started, all at once (Linux /proc), so nothing can finish a write.
      for (const pid of [medusa.child.pid!, ...descendants(medusa.child.pid!)]) {
        try {
          process.kill(pid, "SIGKILL")
        } catch {
          // already gone
        }
      }
      await medusa.exited
    }
    const restartMedusa = async () => {
      medusa = startMedusa(env, { port: medusaPort, echo })
      await waitForHttp(`http://127.0.0.1:${medusaPort}/health`, 90_000, medusa)
    }
    if (options.storefront) {
      const storefront = startStorefront(
        { ...process.env, ...env, MEDUSA_PUBLISHABLE_KEY: publishableKey },
        { port: storefrontPort, echo }
      )
      services.push(storefront)
      await waitForHttp(`http://127.0.0.1:${storefrontPort}/favicon.svg`, 30_000, storefront)
    }
    return {
      db,
      medusaUrl: `http://127.0.0.1:${medusaPort}`,
      storefrontUrl: `http://127.0.0.1:${storefrontPort}`,
      publishableKey,
      env,
      stop,
      crashMedusa,
      restartMedusa,
    }
  } catch (err) {
    await stop()
    throw err
  }
}
