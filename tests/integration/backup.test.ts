import { spawnSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { repoRoot } from "../../backend/launcher/paths"
import { freePort, startTestApp, type TestApp } from "../support/app"
import { storeClient } from "../support/payment-cart"

let app: TestApp
const work = fs.mkdtempSync(path.join(os.tmpdir(), "maemok-backup-"))
// Run as root, the embedded PostgreSQL runs as the `postgres` user, which must reach its data folder.
fs.chmodSync(work, 0o755)

beforeAll(async () => {
  app = await startTestApp()
})

afterAll(async () => {
  await app?.stop()
  fs.rmSync(work, { recursive: true, force: true })
})

/** `npm run backup` / `npm run restore` exactly as a person runs them, with the given environment. */
function npmRun(script: "backup" | "restore", args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    encoding: "utf8",
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

/** Row count and a digest of every row of every table: equal fingerprints mean equal data. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined })
  try {
    const tables = await sql`select tablename from pg_tables where schemaname = 'public' order by tablename`
    const result: Record<string, string> = {}
    for (const { tablename } of tables) {
      const [row] = await sql`
        select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
        from ${sql(tablename)} t`
      result[tablename] = `${row.n}:${row.digest}`
    }
    return result
  } finally {
    await sql.end()
  }
}

function rows(print: Record<string, string>, table: string): number {
  return Number(print[table]?.split(":")[0] ?? 0)
}

async function placeOrder(): Promise<string> {
  const client = storeClient(app)
  const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 2 }])
  const session = await client.startPayment(cart.id, "pp_system_default")
  expect(session.status).toBe(200)
  const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
  expect(completed.body.type).toBe("order")
  return completed.body.order.id
}

/** The fingerprint a second later (the mail queue works after the order is placed). */
async function settledFingerprint() {
  await new Promise((r) => setTimeout(r, 1000))
  return fingerprint(app.db.url)
}

describe("backup and restore", () => {
  it("round-trips a database with orders: every row comes back", async () => {
    const orderId = await placeOrder()
    // The order's mails are written after it is placed (notification rows): back up once they are.
    let before = await fingerprint(app.db.url)
    for (let again = await settledFingerprint(); JSON.stringify(again) !== JSON.stringify(before); again = await settledFingerprint()) before = again
    expect(rows(before, "order")).toBe(1)
    expect(rows(before, "product_variant")).toBeGreaterThan(0)

    const file = path.join(work, "shop.dump")
    const dumped = npmRun("backup", [file], { DATABASE_URL: app.db.url })
    expect(dumped.output).toContain(`Backup written to ${file}`)
    expect(dumped.status).toBe(0)

    // Things happen after the backup: another order, and a lost one.
    await placeOrder()
    const sql = postgres(app.db.url, { max: 1, onnotice: () => undefined })
    await sql`update "order" set deleted_at = now() where id = ${orderId}`
    await sql.end()
    expect(await fingerprint(app.db.url)).not.toEqual(before)

    // Stopping the test app also drops its database: the restore must bring it back from nothing.
    await app.stop()
    const restored = npmRun("restore", [file], { DATABASE_URL: app.db.url })
    expect(restored.output).toContain("Restored")
    expect(restored.status).toBe(0)
    expect(await fingerprint(app.db.url)).toEqual(before)
  })

  it("refuses a file that is not a backup and leaves the database as it was", async () => {
    const before = await fingerprint(app.db.url)
    const junk = path.join(work, "junk.dump")
    fs.writeFileSync(junk, "this is not a pg_dump archive")
    const result = npmRun("restore", [junk], { DATABASE_URL: app.db.url })
    expect(result.status).toBe(1)
    expect(result.output).toMatch(/not a pg_dump custom-format backup/)
    expect(npmRun("restore", [path.join(work, "missing.dump")], { DATABASE_URL: app.db.url }).output).toMatch(
      /No backup file at/
    )
    expect(npmRun("restore", [], { DATABASE_URL: app.db.url }).output).toMatch(/Say which backup to restore/)
    expect(await fingerprint(app.db.url)).toEqual(before)
  })

  it("works against the embedded database when no DATABASE_URL is set", async () => {
    const env = { MAE_MOK_DATA_DIR: path.join(work, "data"), EMBEDDED_PG_PORT: String(await freePort()) }
    expect(npmRun("backup", [], env).output).toMatch(/no shop database .* yet/)

    // Load the test shop into a new embedded cluster, dump it from there, and compare.
    const restored = npmRun("restore", [path.join(work, "shop.dump")], env)
    expect(restored.status, restored.output).toBe(0)
    const again = npmRun("backup", [], env)
    expect(again.status, again.output).toBe(0)
    const written = /Backup written to (\S+)/.exec(again.output)?.[1]
    expect(written && fs.statSync(written).size).toBeGreaterThan(10_000)
    expect(path.dirname(written!)).toBe(path.join(work, "data", "backups"))

    const check = npmRun("restore", [written!], { DATABASE_URL: app.db.url })
    expect(check.status, check.output).toBe(0)
    expect(rows(await fingerprint(app.db.url), "order")).toBe(1)
  })
})
