import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { DEV_COOKIE_SECRET, DEV_JWT_SECRET, DEV_SCAN_IP_SALT, DEV_STOREFRONT_API_SECRET } from "../../backend/src/lib/env"
import { loadOrCreateSecrets, SECRET_NAMES, secretsFor } from "../../backend/launcher/secrets"

const dirs: string[] = []
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maemok-secrets-"))
  dirs.push(dir)
  return path.join(dir, "data")
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})
const mode = (file: string) => fs.statSync(file).mode & 0o777

describe("the development secrets of a data folder", () => {
  it("are random on the first start, private to this user, and the same on the next", () => {
    const dir = tmp()
    const first = loadOrCreateSecrets(dir)
    expect(first.created).toBe(true)
    expect(first.file).toBe(path.join(dir, "secrets.json"))
    expect(mode(first.file)).toBe(0o600)
    expect(Object.keys(first.secrets).sort()).toEqual([...SECRET_NAMES].sort())
    for (const value of Object.values(first.secrets)) {
      expect(value.length).toBeGreaterThanOrEqual(64)
      expect([DEV_JWT_SECRET, DEV_COOKIE_SECRET, DEV_STOREFRONT_API_SECRET, DEV_SCAN_IP_SALT]).not.toContain(value)
    }
    expect(new Set(Object.values(first.secrets)).size).toBe(SECRET_NAMES.length)

    const second = loadOrCreateSecrets(dir)
    expect(second.created).toBe(false)
    expect(second.secrets).toEqual(first.secrets)
    // Another data folder, other secrets.
    expect(loadOrCreateSecrets(tmp()).secrets.JWT_SECRET).not.toBe(first.secrets.JWT_SECRET)
  })

  it("makes a readable file private again, adds a missing secret and refuses a damaged file", () => {
    const dir = tmp()
    const { file, secrets } = loadOrCreateSecrets(dir)
    fs.chmodSync(file, 0o644)
    const { SCAN_IP_SALT: _dropped, ...rest } = secrets
    fs.writeFileSync(file, JSON.stringify(rest))
    const again = loadOrCreateSecrets(dir)
    expect(mode(file)).toBe(0o600)
    expect(again.secrets.JWT_SECRET).toBe(secrets.JWT_SECRET)
    expect(again.secrets.SCAN_IP_SALT).not.toBe(secrets.SCAN_IP_SALT)
    expect(JSON.parse(fs.readFileSync(file, "utf8")).SCAN_IP_SALT).toBe(again.secrets.SCAN_IP_SALT)

    fs.writeFileSync(file, "{ not json")
    expect(() => loadOrCreateSecrets(dir)).toThrow(/secrets\.json is not valid JSON\. Move it away/)
    fs.writeFileSync(file, JSON.stringify({ ...secrets, JWT_SECRET: "short" }))
    expect(() => loadOrCreateSecrets(dir)).toThrow(/JWT_SECRET must be a string of at least 32 characters/)
  })

  it("yields to secrets set in the environment (the tests pass their own)", () => {
    const { secrets } = loadOrCreateSecrets(tmp())
    const chosen = secretsFor({ JWT_SECRET: "a-test-jwt-secret-that-is-long-enough-0000" }, secrets)
    expect(chosen.JWT_SECRET).toBe("a-test-jwt-secret-that-is-long-enough-0000")
    expect(chosen.COOKIE_SECRET).toBe(secrets.COOKIE_SECRET)
  })
})
