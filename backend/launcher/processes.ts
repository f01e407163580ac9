import { spawn, type ChildProcess } from "node:child_process"

export type RunOptions = {
  cwd: string
  env: NodeJS.ProcessEnv
  /** Prefix for echoed output lines; output is kept quiet unless `echo` is set or the command fails. */
  label: string
  echo?: boolean
}

/** Runs a command to completion; on failure the error carries the command's last output. */
export function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    const collect = (chunk: Buffer) => {
      const text = chunk.toString("utf8")
      output += text
      if (output.length > 200_000) output = output.slice(-100_000)
      if (options.echo) process.stdout.write(prefixLines(options.label, text))
    }
    child.stdout.on("data", collect)
    child.stderr.on("data", collect)
    child.on("error", reject)
    child.on("close", (code, signal) => {
      if (code === 0) resolve(output)
      else {
        const tail = output.split("\n").slice(-40).join("\n")
        reject(new Error(`${options.label} failed (${signal ?? `exit code ${code}`}):\n${tail}`))
      }
    })
  })
}

function prefixLines(label: string, text: string): string {
  return text
    .split("\n")
    .filter((line, i, all) => line !== "" || i < all.length - 1)
    .map((line) => `[${label}] ${line}\n`)
    .join("")
}

export type Service = {
  child: ChildProcess
  /** Resolves when the process has exited. */
  exited: Promise<number | null>
  stop: (timeoutMs?: number) => Promise<void>
}

/** Starts a long-running process, echoing its output with a label. */
export function startService(command: string, args: string[], options: RunOptions): Service {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] })
  const echo = (chunk: Buffer) => {
    if (options.echo !== false) process.stdout.write(prefixLines(options.label, chunk.toString("utf8")))
  }
  child.stdout!.on("data", echo)
  child.stderr!.on("data", echo)
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  return {
    child,
    exited,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill("SIGTERM")
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Polls a URL until it answers (any status below 500) or the time runs out. */
export async function waitForHttp(url: string, timeoutMs: number, service?: Service): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError = ""
  while (Date.now() < deadline) {
    if (service && service.child.exitCode !== null) {
      throw new Error(`the process serving ${url} exited with code ${service.child.exitCode}`)
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (res.status < 500) return
      lastError = `HTTP ${res.status}`
    } catch (err) {
      lastError = String(err)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${lastError})`)
}

/**
 * Where this machine reaches a server listening on `host`: the address itself, or loopback when it listens on every
 * interface (0.0.0.0, ::). The launcher's readiness checks and the storefront's calls to Medusa use it.
 */
export function localUrl(host: string, port: number): string {
  const address = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "::1" : host
  return `http://${address.includes(":") ? `[${address}]` : address}:${port}`
}
