import path from "node:path"
import { buildIfChanged } from "./build-cache"
import { repoRoot, resolveFrom } from "./paths"
import { run } from "./processes"

const traceabilityDir = path.join(repoRoot, "traceability")

/** Compiles the traceability package (the backend imports its dist/) when its sources changed. */
export function buildTraceability(): Promise<boolean> {
  const inputs = [path.join(traceabilityDir, "src"), path.join(traceabilityDir, "tsconfig.json")]
  return buildIfChanged(inputs, path.join(traceabilityDir, "dist", ".source-hash"), () => {
    const tsc = resolveFrom(traceabilityDir, "typescript/bin/tsc")
    return run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: traceabilityDir, env: process.env, label: "traceability build" })
  })
}
