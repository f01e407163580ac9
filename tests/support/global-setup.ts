import fs from "node:fs"
import path from "node:path"
import type { TestProject } from "vitest/node"
import { buildAll } from "../../backend/launcher/build"
import { databaseUrl, dropDatabase, ensureDatabase, startEmbeddedPostgres, type Database } from "../../backend/launcher/database"
import { migrate } from "../../backend/launcher/medusa"
import { dataDir } from "../../backend/launcher/paths"
import { freePort } from "./ports"
import "./env"

let database: Database | undefined

/**
 * Builds what is stale (normally nothing: postinstall built it), starts the test PostgreSQL
 * (a throwaway embedded cluster, or DATABASE_URL's server) and migrates a template database once.
 */
export default async function setup(project: TestProject) {
  process.env.APP_ENV = "development"
  process.env.MEDUSA_DISABLE_TELEMETRY = "true"
  const t0 = Date.now()
  await buildAll(() => undefined)

  if (process.env.DATABASE_URL) {
    database = { serverUrl: databaseUrl(process.env.DATABASE_URL, "postgres"), embedded: false, stop: async () => undefined }
  } else {
    // One throwaway cluster per test run, so two runs on one machine do not meet.
    const dir = path.join(dataDir, `test-postgres-${process.pid}`)
    fs.rmSync(dir, { recursive: true, force: true })
    database = await startEmbeddedPostgres({
      dataDir: dir,
      port: Number(process.env.TEST_PG_PORT) || (await freePort()),
      persistent: false,
      // A throwaway cluster: durability buys nothing here and costs seconds per migration.
      settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
    })
  }

  const templateDb = `maemok_test_template_${process.pid}`
  await dropDatabase(database.serverUrl, templateDb)
  await ensureDatabase(database.serverUrl, templateDb)
  await migrate({ DATABASE_URL: databaseUrl(database.serverUrl, templateDb) })
  project.provide("dbServerUrl", database.serverUrl)
  project.provide("templateDb", templateDb)
  console.log(`test database ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${database.embedded ? "embedded" : "DATABASE_URL"})`)

  return async () => {
    if (!database) return
    await dropDatabase(database.serverUrl, templateDb).catch(() => undefined)
    await database.stop()
  }
}
