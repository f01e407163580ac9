/**
 * `npm run typecheck` (and the first step of `npm test`): `tsc --noEmit` over every TypeScript project of the
 * repository. The builds strip types without checking them (medusa build, vite build, vitest), so this is the
 * only place a type error fails. The traceability package is built (and so checked) just before, by npm.
 *
 * Two projects at a time (the machines have two cores), longest first. Incremental: tsc keeps what it learnt in
 * node_modules/.cache/typecheck, so a second run rechecks only what changed (a fresh `npm ci` starts cold).
 */
import { spawn } from "node:child_process"
import os from "node:os"
import path from "node:path"
import { repoRoot, resolveFrom } from "./paths"

/** name → tsconfig, longest first. */
const PROJECTS: [string, string][] = [
  // app/ with its tests, server.js and page-cache.js (plain JavaScript with // @ts-check)
  ["storefront", "storefront/tsconfig.json"],
  // src/ (api, workflows, admin extensions …), medusa-config.ts and the generated .medusa/types
  ["backend", "backend/tsconfig.json"],
  ["tests", "tests/tsconfig.json"],
  ["bench", "bench/tsconfig.json"],
  // src/ with its tests, as vitest sees them (the package's own build checks src/ as node runs it)
  ["traceability tests", "traceability/tsconfig.test.json"],
  ["launcher", "backend/launcher/tsconfig.json"],
]

type Result = { name: string; ok: boolean; seconds: number; output: string }

function check(name: string, tsconfig: string): Promise<Result> {
  const tsc = resolveFrom(repoRoot, "typescript/bin/tsc")
  const buildInfo = path.join(repoRoot, "node_modules", ".cache", "typecheck", `${name.replace(/\W+/g, "-")}.tsbuildinfo`)
  const args = [tsc, "-p", tsconfig, "--noEmit", "--incremental", "--tsBuildInfoFile", buildInfo, "--pretty", "false"]
  const t0 = Date.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("close", (code) => resolve({ name, ok: code === 0, seconds: (Date.now() - t0) / 1000, output: output.trim() }))
  })
}

export async function typecheck(log: (line: string) => void = console.log): Promise<boolean> {
  const t0 = Date.now()
  const queue = [...PROJECTS]
  const results: Result[] = []
  const inFlight = Math.min(2, os.availableParallelism())
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = await check(...next)
        results.push(result)
        log(`    ${result.name} ${result.ok ? "ok" : "FAILED"} in ${result.seconds.toFixed(1)} s`)
        if (!result.ok) log(result.output.replace(/^/gm, "      "))
      }
    })
  )
  const failed = results.filter((r) => !r.ok).map((r) => r.name)
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  log(failed.length ? `Type errors in ${failed.join(", ")} (${seconds} s)` : `No type errors (${seconds} s)`)
  return failed.length === 0
}

if (process.argv[1] && /typecheck\.ts$/.test(process.argv[1])) {
  console.log("Type-checking the Mae Mok workspaces …")
  typecheck().then(
    (ok) => process.exit(ok ? 0 : 1),
    (err) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(1)
    }
  )
}
