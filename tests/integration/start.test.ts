import { spawn, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { repoRoot } from "../../backend/launcher/paths"
import { freePort } from "../support/app"

// `npm start` on a machine with no database configured: the embedded PostgreSQL path end to end.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "maemok-start-"))
// PostgreSQL runs as its own user when the tests run as root; it must reach its data folder.
fs.chmodSync(dataDir, 0o755)
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL")
  fs.rmSync(dataDir, { recursive: true, force: true })
})

type Launch = { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<number | null> }

function launch(ports: { pg: number; medusa: number; shop: number }): Launch {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  delete env.NODE_ENV
  delete env.APP_ENV
  Object.assign(env, {
    MAE_MOK_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(ports.pg),
    MEDUSA_PORT: String(ports.medusa),
    PORT: String(ports.shop),
  })
  // What `npm start` runs, without npm in between so the signals reach the launcher itself.
  const child = spawn(process.execPath, ["--import", "tsx", "backend/launcher/start.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  children.push(child)
  let output = ""
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8")
      if (/Ready in [\d.]+ s/.test(output)) resolve()
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output.slice(-3000)}`)))
  })
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  return { child, output: () => output, ready, exited }
}

async function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })
}

describe("npm start with the embedded database", () => {
  it("starts everything, serves shop and admin, stops cleanly and keeps its data for the next start", async () => {
    const ports = { pg: await freePort(), medusa: await freePort(), shop: await freePort() }

    const first = launch(ports)
    await first.ready
    expect(first.output()).toMatch(/Embedded PostgreSQL: listening on \d+/)
    expect(first.output()).toMatch(/seed: created products/)
    expect(first.output()).toContain(`http://localhost:${ports.shop}/`)
    expect(first.output()).toContain(`http://localhost:${ports.medusa}/app`)
    expect(first.output()).toMatch(/login admin@maemok\.local \/ \S+/)

    const home = await fetch(`http://127.0.0.1:${ports.shop}/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain("น้ำมันนวดสมุนไพรหมอกไพร")
    expect((await fetch(`http://127.0.0.1:${ports.medusa}/app`)).status).toBe(200)
    expect(fs.existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true)

    first.child.kill("SIGTERM")
    expect(await first.exited).toBe(0)
    expect(first.output()).toMatch(/Embedded PostgreSQL stopped/)
    for (const port of Object.values(ports)) expect(await portAnswers(port)).toBe(false)

    // Second start: same data, nothing to migrate or seed.
    const second = launch(ports)
    await second.ready
    expect(second.output()).toMatch(/database already migrated and seeded/)
    expect(second.output()).not.toMatch(/seed: created/)
    const again = await fetch(`http://127.0.0.1:${ports.shop}/`)
    expect(await again.text()).toContain("ลูกประคบเซรามิค")
    second.child.kill("SIGINT")
    expect(await second.exited).toBe(0)
    for (const port of Object.values(ports)) expect(await portAnswers(port)).toBe(false)
  }, 300_000)
})
