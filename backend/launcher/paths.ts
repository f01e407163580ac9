import fs from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"

/**
 * The repository root: the nearest folder above the working directory whose package.json is this
 * monorepo's. Found from the cwd (not __dirname) so the launcher works the same under tsx and vitest.
 */
function findRepoRoot(start: string): string {
  let dir = path.resolve(start)
  for (;;) {
    const manifest = path.join(dir, "package.json")
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "mae-mok") return dir
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`run this from inside the Mae Mok repository (not found above ${start})`)
    dir = parent
  }
}

export const repoRoot = findRepoRoot(process.cwd())
export const backendDir = path.join(repoRoot, "backend")
export const storefrontDir = path.join(repoRoot, "storefront")
export const dataDir = process.env.MAE_MOK_DATA_DIR ? path.resolve(process.env.MAE_MOK_DATA_DIR) : path.join(repoRoot, ".data")
export const medusaBuildDir = path.join(backendDir, ".medusa", "server")

/** Resolves a package file the way the given workspace would. */
export function resolveFrom(dir: string, request: string): string {
  return createRequire(path.join(dir, "package.json")).resolve(request)
}
