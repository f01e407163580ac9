import { spawn, type ChildProcess } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import { repoRoot } from "../../backend/launcher/paths"

/**
 * `npm start` as a user runs it, for the tests that must see exactly that: the launcher is spawned without npm in
 * between (so signals reach it) with an environment the test spells out in full. Nothing of the test runner's own
 * environment leaks in except what any program needs from its system (PATH, HOME, locale).
 */
export type Launch = {
  child: ChildProcess
  output: () => string
  /** Resolves on "Ready in … s"; rejects if the launcher exits first. */
  ready: Promise<void>
  exited: Promise<number | null>
  /**
   * SIGTERM (Ctrl-C's twin) and wait for the launcher to stop everything it started; if it has not within
   * `timeoutMs`, SIGKILL its whole process group (its own: nothing else is in it), so no server outlives a test.
   */
  stop: (timeoutMs?: number) => Promise<number | null>
}

const SYSTEM = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TERM", "TMPDIR", "SHELL"]

/** The variables of a user's shell: only the system's, none of the project's settings. */
export function userShellEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const name of SYSTEM) if (process.env[name] !== undefined) env[name] = process.env[name]
  return { ...env, ...settings }
}

export function launch(env: NodeJS.ProcessEnv, children: ChildProcess[] = []): Launch {
  // detached: the launcher leads a process group of its own, which holds everything it starts.
  const child = spawn(process.execPath, ["--import", "tsx", "backend/launcher/start.ts"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
  children.push(child)
  let output = ""
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8")
      if (/Ready in [\d.]+ s/.test(output)) resolve()
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output.slice(-4000)}`)))
  })
  ready.catch(() => undefined)
  return {
    child,
    output: () => output,
    ready,
    exited,
    async stop(timeoutMs = 60_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
      const timer = setTimeout(() => killGroup(child), timeoutMs)
      const code = await exited
      clearTimeout(timer)
      killGroup(child) // anything of its group still there (a crashed launcher's children)
      return code
    },
  }
}

/** SIGKILL for the process group the launcher leads (spawned detached), if any of it is left. */
export function killGroup(child: ChildProcess): void {
  if (!child.pid) return
  try {
    process.kill(-child.pid, "SIGKILL")
  } catch {
    // the group is gone
  }
}

/** Does anything accept a TCP connection at host:port (within a second)? */
export function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

/** An address of this machine that is not loopback (a LAN neighbour would reach it), or null when it has none. */
export function nonLoopbackAddress(): string | null {
  const all = Object.values(os.networkInterfaces()).flatMap((list) => list ?? [])
  const ipv4 = all.find((a) => !a.internal && a.family === "IPv4")
  const ipv6 = all.find((a) => !a.internal && a.family === "IPv6" && !a.address.startsWith("fe80"))
  return ipv4?.address ?? ipv6?.address ?? null
}

/**
 * The local addresses listening on `port`, from the kernel's socket tables (Linux /proc/net/tcp and tcp6): what a
 * server bound itself to, whatever interfaces this machine has. "0.0.0.0" or "::" means every interface.
 */
export function listeningAddresses(port: number): string[] {
  const found: string[] = []
  for (const [file, v6] of [["/proc/net/tcp", false], ["/proc/net/tcp6", true]] as const) {
    if (!fs.existsSync(file)) continue
    for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length < 4 || cols[3] !== "0A") continue // 0A: LISTEN
      const [hexAddress, hexPort] = cols[1]!.split(":")
      if (parseInt(hexPort!, 16) !== port) continue
      found.push(v6 ? ipv6FromProc(hexAddress!) : ipv4FromProc(hexAddress!))
    }
  }
  return found
}

function ipv4FromProc(hex: string): string {
  // Four bytes in host (little-endian) order.
  return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join(".")
}

function ipv6FromProc(hex: string): string {
  // Four 32-bit words, each in host order.
  const bytes: number[] = []
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8)
    for (const i of [3, 2, 1, 0]) bytes.push(parseInt(word.slice(i * 2, i * 2 + 2), 16))
  }
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[i * 2]! << 8) | bytes[i * 2 + 1]!).toString(16))
  const text = groups.join(":")
  if (text === "0:0:0:0:0:0:0:0") return "::"
  if (text === "0:0:0:0:0:0:0:1") return "::1"
  if (text.startsWith("0:0:0:0:0:ffff:")) return `::ffff:${bytes.slice(12).join(".")}`
  return text
}

/** An admin JWT (HS256) for a user that does not exist, signed with `secret`: what a LAN neighbour could forge. */
export function forgedAdminToken(secret: string): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")
  const now = Math.floor(Date.now() / 1000)
  const body = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({
    actor_id: "user_01FORGED000000000000000000",
    actor_type: "user",
    auth_identity_id: "authid_01FORGED00000000000000000",
    app_metadata: { user_id: "user_01FORGED000000000000000000" },
    iat: now,
    exp: now + 3600,
  })}`
  return `${body}.${crypto.createHmac("sha256", secret).update(body).digest("base64url")}`
}
