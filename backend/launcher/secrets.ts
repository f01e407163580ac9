import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"

/**
 * The secrets a development `npm start` runs with. The repository's fixed development values are public, so the
 * launcher makes random ones on the first start, keeps them in the data folder (readable by this user only) and
 * reuses them on later starts: logins, carts and scan IP hashes survive a restart, and nobody else can sign an
 * admin token, forge a shop session or vouch for scans. A value set in the environment wins (the tests pass their
 * own). Production never uses this file: there every secret must be set (backend/src/lib/env.ts refuses otherwise).
 */
export const SECRET_NAMES = ["JWT_SECRET", "COOKIE_SECRET", "STOREFRONT_SESSION_SECRET", "STOREFRONT_API_SECRET", "SCAN_IP_SALT"] as const
export type SecretName = (typeof SECRET_NAMES)[number]
export type Secrets = Record<SecretName, string>

export const SECRETS_FILE = "secrets.json"
const MIN_LENGTH = 32

/** 384 random bits, URL-safe: 64 characters. */
export function newSecret(): string {
  return crypto.randomBytes(48).toString("base64url")
}

function write(file: string, secrets: Secrets, exclusive: boolean): void {
  const text = JSON.stringify(secrets, null, 2) + "\n"
  if (exclusive) {
    fs.writeFileSync(file, text, { mode: 0o600, flag: "wx" })
    return
  }
  // Replaced whole (a crash cannot leave half a file), with the new file private before it holds anything.
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, text, { mode: 0o600 })
  fs.renameSync(tmp, file)
}

/**
 * The data folder's secrets: read from `<dataDir>/secrets.json`, created (mode 0600) when missing. A name the file
 * lacks is added; a file anyone else may read is made private again. A file that is not what we wrote is refused
 * with what to do, rather than silently replaced (that would log everyone out and change every scan hash).
 */
export function loadOrCreateSecrets(dataDir: string): { file: string; secrets: Secrets; created: boolean } {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, SECRETS_FILE)
  if (!fs.existsSync(file)) {
    const secrets = Object.fromEntries(SECRET_NAMES.map((name) => [name, newSecret()])) as Secrets
    try {
      write(file, secrets, true)
      return { file, secrets, created: true }
    } catch (err) {
      // Another start made it a moment ago: use theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err
    }
  }
  const mode = fs.statSync(file).mode & 0o777
  if (mode & 0o077) fs.chmodSync(file, 0o600)
  let stored: unknown
  try {
    stored = JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {
    throw new Error(`${file} is not valid JSON. Move it away and start again: new secrets are generated (logins and carts then start afresh).`)
  }
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) {
    throw new Error(`${file} must hold a JSON object of secrets. Move it away and start again to generate new ones.`)
  }
  const secrets = {} as Secrets
  let added = false
  for (const name of SECRET_NAMES) {
    const value = (stored as Record<string, unknown>)[name]
    if (value === undefined) {
      secrets[name] = newSecret()
      added = true
    } else if (typeof value !== "string" || value.length < MIN_LENGTH) {
      throw new Error(`${file}: ${name} must be a string of at least ${MIN_LENGTH} characters. Fix it, or move the file away to generate new secrets.`)
    } else {
      secrets[name] = value
    }
  }
  if (added) write(file, { ...(stored as object), ...secrets }, false)
  return { file, secrets, created: false }
}

/** The secrets for the processes: each from the environment when set there, else from the data folder's file. */
export function secretsFor(env: NodeJS.ProcessEnv, fromFile: Secrets): Secrets {
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, env[name] || fromFile[name]])) as Secrets
}
