import fs from "node:fs"
import path from "node:path"
import { listenHost } from "../src/lib/env"
import { buildIfChanged, sourceHash } from "./build-cache"
import { backendDir, medusaBuildDir, repoRoot, resolveFrom } from "./paths"
import { run, startService, type Service } from "./processes"

const medusaCli = resolveFrom(backendDir, "@medusajs/cli/cli.js")

/** Environment for every Medusa process started by the launcher and the tests. */
export function medusaEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // LOG_LEVEL=info keeps the per-request http lines out of the console unless asked for.
  return { LOG_LEVEL: "info", ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", ...extra }
}

/** `medusa db:migrate`: module migrations, link sync and Medusa's own migration scripts. */
export function migrate(env: NodeJS.ProcessEnv): Promise<string> {
  return run(process.execPath, [medusaCli, "db:migrate"], { cwd: backendDir, env: medusaEnv(env), label: "migrate" })
}

/** Runs the idempotent seed script through `medusa exec`. */
export function seed(env: NodeJS.ProcessEnv): Promise<string> {
  return run(process.execPath, [medusaCli, "exec", "./src/scripts/seed.ts"], {
    cwd: backendDir,
    env: medusaEnv(env),
    label: "seed",
  })
}

/** Everything that goes into the backend: its sources, config, the traceability build and the lockfile. */
export const backendInputs = [
  path.join(backendDir, "src"),
  path.join(backendDir, "medusa-config.ts"),
  path.join(backendDir, "instrumentation.ts"),
  path.join(backendDir, "package.json"),
  path.join(backendDir, "tsconfig.json"),
  path.join(repoRoot, "traceability", "dist"),
  path.join(repoRoot, "package-lock.json"),
]

export function backendSourceHash(): string {
  return sourceHash(backendInputs)
}

/** `medusa build` (server + admin) unless the sources are unchanged since the last build. */
export function buildBackend(env: NodeJS.ProcessEnv): Promise<boolean> {
  return buildIfChanged(backendInputs, path.join(medusaBuildDir, ".source-hash"), async () => {
    await run(process.execPath, [medusaCli, "build"], { cwd: backendDir, env: medusaEnv(env), label: "medusa build" })
    // The framework serves /static from the app's root; product images ship in backend/static.
    fs.symlinkSync(path.join(backendDir, "static"), path.join(medusaBuildDir, "static"), "dir")
  })
}

/**
 * Starts the built Medusa app (`medusa start` in .medusa/server) on `port`, listening on HOST (127.0.0.1 unless the
 * environment says otherwise). PORT stays what the deployment set (the storefront's port): Medusa takes its own port
 * from --port, and PORT must never be mistaken for it (backend/src/lib/env.ts publicOrigins).
 */
export function startMedusa(env: NodeJS.ProcessEnv, options: { echo?: boolean; port: number }): Service {
  const host = listenHost(env)
  return startService(process.execPath, [medusaCli, "start", "--port", String(options.port), "--host", host], {
    cwd: medusaBuildDir,
    env: medusaEnv({ ...env, MEDUSA_PORT: String(options.port) }),
    label: "medusa",
    echo: options.echo,
  })
}
