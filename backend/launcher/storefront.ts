import path from "node:path"
import { buildIfChanged } from "./build-cache"
import { repoRoot, resolveFrom, storefrontDir } from "./paths"
import { run, startService, type Service } from "./processes"

const storefrontInputs = [
  path.join(storefrontDir, "app"),
  path.join(storefrontDir, "public"),
  path.join(storefrontDir, "vite.config.ts"),
  path.join(storefrontDir, "package.json"),
  path.join(repoRoot, "package-lock.json"),
]

/** `remix vite:build` unless the storefront is unchanged since the last build. */
export function buildStorefront(env: NodeJS.ProcessEnv): Promise<boolean> {
  return buildIfChanged(storefrontInputs, path.join(storefrontDir, "build", ".source-hash"), () => {
    const remixCli = resolveFrom(storefrontDir, "@remix-run/dev/dist/cli.js")
    return run(process.execPath, [remixCli, "vite:build"], { cwd: storefrontDir, env, label: "storefront build" })
  })
}

/** Starts the built storefront's production server. */
export function startStorefront(env: NodeJS.ProcessEnv, options: { echo?: boolean; port: number }): Service {
  return startService(process.execPath, [path.join(storefrontDir, "server.js")], {
    cwd: storefrontDir,
    env: { ...env, PORT: String(options.port), NODE_ENV: env.NODE_ENV || "production" },
    label: "storefront",
    echo: options.echo,
  })
}
