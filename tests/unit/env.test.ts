import { afterEach, describe, expect, it, vi } from "vitest"
import {
  DEV_ADMIN_PASSWORD,
  DEV_COOKIE_SECRET,
  DEV_JWT_SECRET,
  DEV_SCAN_IP_SALT,
  DEV_STOREFRONT_API_SECRET,
  DEV_STOREFRONT_SESSION_SECRET,
  productionProblems,
  publicOrigins,
  readEnv,
} from "../../backend/src/lib/env"
import { DEV_API_SECRET, DEV_SESSION_SECRET } from "../../storefront/app/lib/config.server"

const origins = { STOREFRONT_URL: "https://shop.maemok.example", MEDUSA_BACKEND_URL: "https://admin.maemok.example" }

describe("backend environment", () => {
  it("has development defaults for every setting", () => {
    const env = readEnv({})
    expect(env.isProduction).toBe(false)
    expect(env.medusaPort).toBe(9000)
    expect(env.storefrontPort).toBe(8000)
    expect(env.storefrontUrl).toBe("http://localhost:8000")
    expect(env.backendUrl).toBe("http://localhost:9000")
    expect(env.databaseUrl).toBeUndefined()
    expect(env.adminPassword).toBe(DEV_ADMIN_PASSWORD)
    // This computer only, unless the deployment says otherwise.
    expect(env.host).toBe("127.0.0.1")
    expect(readEnv({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0")
    expect(readEnv({ HOST: "::1" }).host).toBe("::1")
    expect(() => readEnv({ HOST: "127.0.0.1; rm -rf /" })).toThrow(/HOST must be an address/)
  })

  it("follows the ports and the public origin from the environment", () => {
    const env = readEnv({ PORT: "3000", MEDUSA_PORT: "9100", STOREFRONT_URL: "https://shop.maemok.example/" })
    expect(env.storefrontPort).toBe(3000)
    expect(env.backendUrl).toBe("http://localhost:9100")
    expect(env.storefrontUrl).toBe("https://shop.maemok.example")
  })

  it("says which setting is wrong", () => {
    expect(() => readEnv({ PORT: "eighty" })).toThrow(/PORT must be a TCP port number.*"eighty"/)
    expect(() => readEnv({ STOREFRONT_URL: "shop" })).toThrow(/STOREFRONT_URL must be an absolute URL/)
    expect(() => readEnv({ MEDUSA_WORKER_MODE: "both" })).toThrow(/MEDUSA_WORKER_MODE/)
    expect(() => readEnv({ MEDUSA_CACHING: "redis" })).toThrow(/MEDUSA_CACHING must be memory or off, got "redis"/)
    expect(readEnv({}).medusaCaching).toBe("off")
    expect(readEnv({ MEDUSA_CACHING: "memory" }).medusaCaching).toBe("memory")
  })

  it("refuses production with the published default secrets, and without its public origins", () => {
    expect(() => readEnv({ NODE_ENV: "production" })).toThrow(
      /Refusing to start in production.*JWT_SECRET is not set.*COOKIE_SECRET is not set.*STOREFRONT_API_SECRET is not set.*MEDUSA_ADMIN_PASSWORD is not set.*STOREFRONT_URL is not set.*MEDUSA_BACKEND_URL is not set/
    )
    expect(() =>
      readEnv({ APP_ENV: "production", JWT_SECRET: "short", COOKIE_SECRET: "x".repeat(40), MEDUSA_ADMIN_PASSWORD: "p" })
    ).toThrow(/JWT_SECRET must be at least 32 characters/)
  })

  it("names every published, missing or short secret of a deployment, the storefront's too", () => {
    expect([DEV_STOREFRONT_SESSION_SECRET, DEV_STOREFRONT_API_SECRET]).toEqual([DEV_SESSION_SECRET, DEV_API_SECRET])
    const published = {
      JWT_SECRET: DEV_JWT_SECRET,
      COOKIE_SECRET: DEV_COOKIE_SECRET,
      STOREFRONT_API_SECRET: DEV_STOREFRONT_API_SECRET,
      STOREFRONT_SESSION_SECRET: DEV_STOREFRONT_SESSION_SECRET,
      SCAN_IP_SALT: DEV_SCAN_IP_SALT,
      MEDUSA_ADMIN_PASSWORD: DEV_ADMIN_PASSWORD,
      ...origins,
    }
    expect(productionProblems(published, { storefront: true })).toEqual([
      "JWT_SECRET is the published development value",
      "COOKIE_SECRET is the published development value",
      "STOREFRONT_API_SECRET is the published development value",
      "STOREFRONT_SESSION_SECRET is the published development value",
      "SCAN_IP_SALT is the published development value",
      "MEDUSA_ADMIN_PASSWORD is not set",
    ])
    expect(productionProblems({ ...published, STOREFRONT_SESSION_SECRET: "" }, { storefront: true })).toContain("STOREFRONT_SESSION_SECRET is not set")
    expect(productionProblems({ ...published, STOREFRONT_SESSION_SECRET: "short" }, { storefront: true })).toContain("STOREFRONT_SESSION_SECRET must be at least 32 characters")
    // Medusa alone (a split deployment's server) does not need the storefront's session secret.
    expect(productionProblems(published).some((p) => p.startsWith("STOREFRONT_SESSION_SECRET"))).toBe(false)
  })

  it("starts in production with real secrets, and APP_ENV overrides medusa start's NODE_ENV", () => {
    const secrets = { JWT_SECRET: "j".repeat(40), COOKIE_SECRET: "c".repeat(40), STOREFRONT_API_SECRET: "s".repeat(40), MEDUSA_ADMIN_PASSWORD: "a-real-password", ...origins }
    expect(readEnv({ NODE_ENV: "production", ...secrets }).isProduction).toBe(true)
    expect(readEnv({ NODE_ENV: "production", APP_ENV: "development" }).isProduction).toBe(false)
    // Scan IP hashes: the published dev salt is refused, an unset one is derived from the JWT secret.
    expect(() => readEnv({ NODE_ENV: "production", ...secrets, SCAN_IP_SALT: DEV_SCAN_IP_SALT })).toThrow(/SCAN_IP_SALT/)
    expect(readEnv({ NODE_ENV: "production", ...secrets }).scanIpSalt).not.toBe(DEV_SCAN_IP_SALT)
  })

  it("reads the two public origins exactly as the storefront does", async () => {
    // Each process (the launcher, Medusa and the seed, the storefront) must arrive at the same origins: one for QR
    // labels, links and CORS, one for images and the pages' Content-Security-Policy.
    const cases: NodeJS.ProcessEnv[] = [
      {},
      { PORT: "8100", MEDUSA_PORT: "9100" },
      { PORT: "3000", ...origins },
      { STOREFRONT_URL: "http://192.0.2.2:8000/", MEDUSA_BACKEND_URL: "http://192.0.2.2:9000/some/path" },
    ]
    for (const env of cases) {
      vi.resetModules()
      for (const name of ["PORT", "MEDUSA_PORT", "STOREFRONT_URL", "MEDUSA_BACKEND_URL", "APP_ENV", "NODE_ENV"]) vi.stubEnv(name, env[name] ?? "")
      const { config } = await import("../../storefront/app/lib/config.server")
      const backend = publicOrigins(env)
      expect({ shop: config.storefrontUrl, media: config.medusaPublicUrl }, JSON.stringify(env)).toEqual({ shop: backend.storefrontUrl, media: backend.backendUrl })
    }
  })
})

afterEach(() => {
  vi.unstubAllEnvs()
})
