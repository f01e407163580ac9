import { databaseUrl, ensureDatabase, startEmbeddedPostgres, type Database } from "../backend/launcher/database"
import { migrate, seed } from "../backend/launcher/medusa"
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../tests/support/admin-login"
import { freePort } from "../tests/support/ports"

/**
 * The environment of the bench's servers on `dbUrl` (production builds, development app settings, the test
 * admin), with `extra` (ports, URLs) added; the database is migrated and seeded with it first.
 */
export async function seededBenchEnv(dbUrl: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    APP_ENV: "development",
    DATABASE_URL: dbUrl,
    MEDUSA_ADMIN_EMAIL: ADMIN_EMAIL,
    MEDUSA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: "warn",
    ...extra,
  }
  await migrate(env)
  await seed(env)
  return env
}

/**
 * A throwaway embedded PostgreSQL in `dataDir` with the bench database migrated and seeded, free ports for Medusa
 * and the storefront, and their environment (`seededBenchEnv` with those ports and `extra`). The caller stops
 * `database`.
 */
export async function startBenchDatabase(dataDir: string, log: (line: string) => void, extra: NodeJS.ProcessEnv = {}) {
  const database: Database = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false })
  try {
    const dbUrl = databaseUrl(database.serverUrl, "maemok_bench")
    await ensureDatabase(database.serverUrl, "maemok_bench")
    const medusaPort = await freePort()
    const storefrontPort = await freePort()
    const medusaUrl = `http://127.0.0.1:${medusaPort}`
    const storefrontUrl = `http://127.0.0.1:${storefrontPort}`
    log("migrating and seeding the bench database …")
    const env = await seededBenchEnv(dbUrl, {
      MEDUSA_PORT: String(medusaPort),
      PORT: String(storefrontPort),
      MEDUSA_BACKEND_URL: medusaUrl,
      STOREFRONT_URL: storefrontUrl,
      ...extra,
    })
    return { database, dbUrl, medusaPort, storefrontPort, medusaUrl, storefrontUrl, env }
  } catch (err) {
    await database.stop().catch(() => undefined)
    throw err
  }
}

/** What every bench request says it takes, as Chromium does (the storefront and Medusa answer gzip). */
export const ACCEPT_ENCODING = { "accept-encoding": "gzip, deflate, br" }
