import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { repoRoot } from "./paths"

export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

/** Hash of the given files and folders (recursively), by path and content. */
export function sourceHash(inputs: string[]): string {
  const hash = crypto.createHash("sha256")
  for (const input of inputs) {
    const files = fs.existsSync(input) && fs.statSync(input).isDirectory() ? listFiles(input) : [input]
    for (const file of files) {
      if (!fs.existsSync(file)) continue
      hash.update(path.relative(repoRoot, file))
      hash.update(fs.readFileSync(file))
    }
  }
  return hash.digest("hex")
}

/**
 * Runs `build` unless the inputs hash to what the last successful build recorded in `stampFile`.
 * Returns whether it built.
 */
export async function buildIfChanged(inputs: string[], stampFile: string, build: () => Promise<unknown>): Promise<boolean> {
  const before = sourceHash(inputs)
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === before) return false
  await build()
  fs.mkdirSync(path.dirname(stampFile), { recursive: true })
  fs.writeFileSync(stampFile, before)
  return true
}

/**
 * Serialises builds between processes (two test runs, or a test run and `npm start`) so one never
 * serves a half-written build of the other. The lock is a directory holding the owner's pid.
 */
export async function withBuildLock<T>(lockDir: string, action: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15 * 60_000
  fs.mkdirSync(path.dirname(lockDir), { recursive: true })
  for (;;) {
    try {
      fs.mkdirSync(lockDir, { recursive: false })
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid))
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err
      const owner = Number(fs.readFileSync(path.join(lockDir, "pid"), { encoding: "utf8", flag: "a+" }) || 0)
      if (owner && !processIsAlive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true })
        continue
      }
      if (Date.now() > deadline) throw new Error(`gave up waiting for the build lock ${lockDir} held by pid ${owner}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  try {
    return await action()
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true })
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"
  }
}
