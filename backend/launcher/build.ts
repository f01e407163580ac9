/**
 * Builds what `npm start` and the tests serve: the traceability package, the Medusa server + admin,
 * and the storefront. Each is skipped when its sources are unchanged. Runs after `npm install`
 * (postinstall) so the first `npm start` does not wait for the ~60 s of builds.
 */
import path from "node:path"
import { withBuildLock } from "./build-cache"
import { buildBackend } from "./medusa"
import { dataDir } from "./paths"
import { buildStorefront } from "./storefront"
import { buildTraceability } from "./traceability"

export async function buildAll(log: (line: string) => void = console.log): Promise<void> {
  const timed = async (name: string, build: () => Promise<boolean>) => {
    const t = Date.now()
    const built = await build()
    log(`    ${name} ${built ? `built in ${((Date.now() - t) / 1000).toFixed(1)} s` : "unchanged"}`)
  }
  await withBuildLock(path.join(dataDir, "build.lock"), async () => {
    await timed("traceability package", buildTraceability)
    // Both builds are mostly CPU; two cores serve them side by side.
    await Promise.all([
      timed("Medusa server and admin", () => buildBackend(process.env)),
      timed("storefront", () => buildStorefront(process.env)),
    ])
  })
}

if (process.argv[1] && /build\.ts$/.test(process.argv[1])) {
  console.log("Building the Mae Mok backend, admin and storefront …")
  buildAll().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
