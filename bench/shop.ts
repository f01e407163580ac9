import path from "node:path"
import postgres from "postgres"
import type { Database } from "../backend/launcher/database"
import { startMedusa } from "../backend/launcher/medusa"
import { repoRoot } from "../backend/launcher/paths"
import { waitForHttp, type Service } from "../backend/launcher/processes"
import { publishableKeyToken } from "../backend/launcher/state"
import { startStorefront } from "../backend/launcher/storefront"
import { PUBLISHABLE_KEY_TITLE } from "../backend/src/lib/seed/catalogue"
import { adminApi, adminToken } from "../tests/support/admin-api"
import { startBenchDatabase } from "./stack"

/**
 * A throwaway shop for running one bench part alone: embedded PostgreSQL, the seeded bench database, and the
 * production builds of Medusa and the storefront (run `npm run build` first), on free ports. `stop` ends all.
 */
export async function startBenchShop(log: (line: string) => void, options: { storefrontBackend?: (medusaUrl: string) => Promise<string> } = {}) {
  const services: Service[] = []
  let database: Database | undefined
  let sql: postgres.Sql | undefined
  const stop = async () => {
    await sql?.end().catch(() => undefined)
    for (const service of services.reverse()) await service.stop().catch(() => undefined)
    await database?.stop().catch(() => undefined)
  }
  try {
    const bench = await startBenchDatabase(path.join(repoRoot, "bench", "tmp", `shop-${process.pid}`), log)
    database = bench.database
    const { dbUrl, medusaPort, storefrontPort, medusaUrl, storefrontUrl, env } = bench
    const publishableKey = (await publishableKeyToken(dbUrl, PUBLISHABLE_KEY_TITLE)) ?? ""
    const medusa = startMedusa(env, { port: medusaPort, echo: false })
    services.push(medusa)
    await waitForHttp(`${medusaUrl}/health`, 120_000, medusa)
    // `storefrontBackend`: where the storefront reaches Medusa, e.g. through a proxy that logs its calls.
    const backend = options.storefrontBackend ? await options.storefrontBackend(medusaUrl) : medusaUrl
    const storefront = startStorefront({ ...process.env, ...env, MEDUSA_BACKEND_URL: backend, MEDUSA_PUBLISHABLE_KEY: publishableKey }, { port: storefrontPort, echo: false })
    services.push(storefront)
    await waitForHttp(`${storefrontUrl}/favicon.svg`, 60_000, storefront)
    sql = postgres(dbUrl, { max: 1, onnotice: () => undefined })
    const api = adminApi(medusaUrl, await adminToken(medusaUrl))
    log(`shop up: Medusa ${medusaUrl}, storefront ${storefrontUrl}`)
    return { medusaUrl, storefrontUrl, publishableKey, api, sql, dbUrl, medusa, storefront, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
