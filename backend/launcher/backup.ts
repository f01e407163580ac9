/**
 * `npm run backup [-- file]` and `npm run restore -- <file>`: pg_dump / pg_restore of the shop's
 * database, DATABASE_URL's or the embedded one (started for the occasion when `npm start` is not
 * running). A restore goes into a new database first and replaces the old one only when it
 * succeeded, so a broken dump loses nothing.
 */
import { execFileSync, spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import postgres from "postgres"
import { databaseUrl, openDatabaseServer, portIsFree, type Database } from "./database"
import { dataDir } from "./paths"

export const APP_DB_NAME = "maemok"
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT || 54329)

export class BackupError extends Error {}

/** The PostgreSQL client program, from PG_BIN_DIR or the PATH, at least as new as the server. */
function pgTool(name: "pg_dump" | "pg_restore", serverMajor: number): string {
  const program = process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name
  const probe = spawnSync(program, ["--version"], { encoding: "utf8" })
  if (probe.error || probe.status !== 0) {
    throw new BackupError(
      `${name} was not found. Install PostgreSQL's client programs (Debian/Ubuntu: ` +
        `sudo apt-get install -y postgresql-client-${serverMajor}) or set PG_BIN_DIR to their folder.`
    )
  }
  const major = Number(/(\d+)(?:\.\d+)?/.exec(probe.stdout)?.[1])
  if (major < serverMajor) {
    throw new BackupError(
      `${name} is version ${major} but the database server is PostgreSQL ${serverMajor}; ${name} must be at least as ` +
        `new as the server. Install postgresql-client-${serverMajor} or set PG_BIN_DIR.`
    )
  }
  return program
}

async function serverMajor(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined })
  try {
    const [row] = await sql`show server_version_num`
    return Math.floor(Number(row.server_version_num) / 10_000)
  } finally {
    await sql.end()
  }
}

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined })
  try {
    return (await sql`select 1 from pg_database where datname = ${name}`).length > 0
  } finally {
    await sql.end()
  }
}

type Target = { url: string; serverUrl: string; name: string; close: () => Promise<void> }

/** The shop's database: DATABASE_URL's, else the embedded server (started here when not running). */
async function openTarget(purpose: "backup" | "restore"): Promise<Target> {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL
    const name = decodeURIComponent(new URL(url).pathname.slice(1))
    if (!name) throw new BackupError("DATABASE_URL names no database")
    return { url, serverUrl: databaseUrl(url, "postgres"), name, close: async () => undefined }
  }
  let database: Database
  if (!(await portIsFree(EMBEDDED_PORT))) {
    if (purpose === "restore") {
      throw new BackupError(
        `Something is listening on port ${EMBEDDED_PORT} (a running "npm start"?). Stop the shop before restoring, ` +
          `so no order is written into the database that is being replaced.`
      )
    }
    // `npm start` is running: pg_dump takes a consistent snapshot of a live database.
    database = { serverUrl: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`, embedded: false, stop: async () => undefined }
  } else {
    database = await openDatabaseServer({ dataDir: path.join(dataDir, "postgres"), port: EMBEDDED_PORT })
  }
  if (purpose === "backup" && !(await databaseExists(database.serverUrl, APP_DB_NAME))) {
    await database.stop()
    throw new BackupError(`There is no shop database in ${path.join(dataDir, "postgres")} yet: nothing to back up.`)
  }
  return {
    url: databaseUrl(database.serverUrl, APP_DB_NAME),
    serverUrl: database.serverUrl,
    name: APP_DB_NAME,
    close: () => database.stop(),
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)
}

/** Dumps the database in pg_dump's custom format; returns the file written. */
export async function backup(file?: string): Promise<string> {
  const target = await openTarget("backup")
  try {
    const out = path.resolve(file ?? path.join(dataDir, "backups", `maemok-${timestamp()}.dump`))
    fs.mkdirSync(path.dirname(out), { recursive: true })
    const pgDump = pgTool("pg_dump", await serverMajor(target.url))
    const partial = `${out}.partial`
    // Written beside the target and renamed at the end: a failed dump never looks like a good one.
    execFileSync(pgDump, ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${target.url}`], {
      stdio: ["ignore", "inherit", "inherit"],
    })
    fs.renameSync(partial, out)
    return out
  } finally {
    await target.close()
  }
}

/**
 * Restores a dump into a scratch database in one transaction, then swaps it in for the shop's
 * database. Needs CREATEDB on an external server.
 */
export async function restore(file: string): Promise<void> {
  const dump = path.resolve(file)
  if (!fs.existsSync(dump)) throw new BackupError(`No backup file at ${dump}`)
  const target = await openTarget("restore")
  const scratch = `${target.name}_restore_${Date.now()}`
  const admin = postgres(target.serverUrl, { max: 1, onnotice: () => undefined })
  try {
    const pgRestore = pgTool("pg_restore", await serverMajor(target.serverUrl))
    const listing = spawnSync(pgRestore, ["--list", dump], { encoding: "utf8" })
    if (listing.status !== 0) throw new BackupError(`${dump} is not a pg_dump custom-format backup: ${listing.stderr.trim()}`)

    await admin.unsafe(`create database "${scratch}"`)
    const restored = spawnSync(
      pgRestore,
      ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${databaseUrl(target.serverUrl, scratch)}`, dump],
      { encoding: "utf8", stdio: ["ignore", "inherit", "pipe"] }
    )
    if (restored.status !== 0) {
      await admin.unsafe(`drop database if exists "${scratch}"`)
      throw new BackupError(`pg_restore failed, the database was left as it was: ${restored.stderr.trim()}`)
    }
    await admin.unsafe(`drop database if exists "${target.name}" with (force)`)
    await admin.unsafe(`alter database "${scratch}" rename to "${target.name}"`)
  } finally {
    await admin.end()
    await target.close()
  }
}

async function main() {
  const [command, file] = process.argv.slice(2)
  try {
    if (command === "backup") {
      const out = await backup(file)
      console.log(`Backup written to ${out}`)
    } else if (command === "restore") {
      if (!file) throw new BackupError("Say which backup to restore: npm run restore -- <file>")
      await restore(file)
      console.log(`Restored ${path.resolve(file)}; start the shop with npm start`)
    } else {
      throw new BackupError(`Unknown command "${command ?? ""}": use backup or restore`)
    }
  } catch (err) {
    console.error(err instanceof BackupError ? err.message : err)
    process.exit(1)
  }
}

// Run as a command (npm run backup / restore), not when the tests import it.
if (process.argv[1] && path.basename(process.argv[1]) === "backup.ts") void main()
