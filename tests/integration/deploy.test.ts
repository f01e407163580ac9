import fs from "node:fs"
import path from "node:path"
import type { ChildProcess } from "node:child_process"
import { PNG } from "pngjs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { repoRoot } from "../../backend/launcher/paths"
import { newSecret } from "../../backend/launcher/secrets"
import { DEV_COOKIE_SECRET, DEV_JWT_SECRET, DEV_SCAN_IP_SALT, DEV_STOREFRONT_API_SECRET, DEV_STOREFRONT_SESSION_SECRET } from "../../backend/src/lib/env"
import { freePort, freshDatabase, type TestDatabase } from "../support/app"
import { connects, killGroup, launch, listeningAddresses, nonLoopbackAddress, userShellEnv, type Launch } from "../support/launcher"
import { Visitor } from "../support/storefront-visitor"

// README "Deploy": production mode started through `npm start` with exactly the variables the guide lists in its
// settings file (read from README.md, so guide and test cannot drift apart). Values are this machine's: a fresh
// database, free ports, generated secrets, and HOST = this machine's network address, so "listens where HOST says"
// is seen both ways (there, and not on loopback).

const SECRETS = ["JWT_SECRET", "COOKIE_SECRET", "STOREFRONT_SESSION_SECRET", "STOREFRONT_API_SECRET", "SCAN_IP_SALT"] as const
const PUBLISHED: Record<(typeof SECRETS)[number], string> = {
  JWT_SECRET: DEV_JWT_SECRET,
  COOKIE_SECRET: DEV_COOKIE_SECRET,
  STOREFRONT_SESSION_SECRET: DEV_STOREFRONT_SESSION_SECRET,
  STOREFRONT_API_SECRET: DEV_STOREFRONT_API_SECRET,
  SCAN_IP_SALT: DEV_SCAN_IP_SALT,
}

/** The settings file of README's Deploy section: name → example value, in the guide's order. */
function guideSettings(): Map<string, string> {
  const lines = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8").split("\n")
  const start = lines.findIndex((l) => l.trim() === "# /etc/maemok/maemok.env")
  expect(start, "README's Deploy section has the settings file").toBeGreaterThan(0)
  const settings = new Map<string, string>()
  for (const line of lines.slice(start + 1)) {
    const text = line.trim()
    if (text.startsWith("```")) break
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(text)
    if (m) settings.set(m[1]!, m[2]!)
  }
  return settings
}

const guide = guideSettings()
const children: ChildProcess[] = []
let db: TestDatabase
let values: Record<string, string>
let stack: Launch
let shop: string // where this test reaches the storefront (HOST:PORT)
let api: string // where this test reaches Medusa (HOST:MEDUSA_PORT)
const host = nonLoopbackAddress() ?? "127.0.0.1"

beforeAll(async () => {
  db = await freshDatabase()
  const ports = { shop: await freePort(), medusa: await freePort() }
  const chosen: Record<string, string> = {
    DATABASE_URL: db.url,
    HOST: host,
    PORT: String(ports.shop),
    MEDUSA_PORT: String(ports.medusa),
    MEDUSA_ADMIN_PASSWORD: newSecret().slice(0, 24),
    ...Object.fromEntries(SECRETS.map((name) => [name, newSecret()])),
  }
  // Exactly the guide's names: its example values where they are fine as they are, this machine's otherwise.
  values = Object.fromEntries([...guide].map(([name, example]) => [name, chosen[name] ?? example]))
  expect(Object.keys(values).sort()).toEqual(Object.keys({ ...values, ...chosen }).sort())
  const base = (port: number) => `http://${host.includes(":") ? `[${host}]` : host}:${port}`
  shop = base(ports.shop)
  api = base(ports.medusa)
}, 60_000)

afterAll(async () => {
  if (stack) await stack.stop()
  for (const child of children) killGroup(child)
  await db?.drop()
}, 60_000)

const noStackTrace = (text: string, what: string) => {
  expect(text, what).not.toMatch(/\n\s+at \S+ \(|\n\s+at (async )?\S+:\d+:\d+|node_modules\//)
}

describe("Deploy: production with the guide's settings", () => {
  it("lists what a deployment needs, and nothing of development", () => {
    expect([...guide.keys()]).toEqual(expect.arrayContaining(["APP_ENV", "DATABASE_URL", "STOREFRONT_URL", "MEDUSA_BACKEND_URL", "HOST", ...SECRETS, "MEDUSA_ADMIN_PASSWORD"]))
    expect(guide.get("APP_ENV")).toBe("production")
    expect(guide.get("HOST")).toBe("127.0.0.1")
    expect(guide.get("STOREFRONT_URL")).toMatch(/^https:\/\//)
    expect(guide.get("MEDUSA_BACKEND_URL")).toMatch(/^https:\/\//)
  })

  it("refuses to start with a secret missing, left as the guide's placeholder or published, naming each", async () => {
    const cases: [string, Record<string, string | undefined>, RegExp[]][] = [
      ["missing", Object.fromEntries(SECRETS.map((n) => [n, undefined])), [/JWT_SECRET is not set/, /COOKIE_SECRET is not set/, /STOREFRONT_SESSION_SECRET is not set/, /STOREFRONT_API_SECRET is not set/]],
      ["placeholder", Object.fromEntries(SECRETS.map((n) => [n, guide.get(n)])), SECRETS.map((n) => new RegExp(`${n} must be at least 32 characters`))],
      ["published", PUBLISHED, SECRETS.map((n) => new RegExp(`${n} is the published development value`))],
      ["no admin password, no origins", { MEDUSA_ADMIN_PASSWORD: undefined, STOREFRONT_URL: undefined, MEDUSA_BACKEND_URL: undefined }, [/MEDUSA_ADMIN_PASSWORD is not set/, /STOREFRONT_URL is not set/, /MEDUSA_BACKEND_URL is not set/]],
    ]
    for (const [what, change, reasons] of cases) {
      const env: Record<string, string> = { ...values }
      for (const [name, value] of Object.entries(change)) {
        if (value === undefined) delete env[name]
        else env[name] = value
      }
      const refused = launch(userShellEnv(env), children)
      expect(await refused.exited, what).toBe(1)
      const output = refused.output()
      expect(output, what).toMatch(/npm start failed: Refusing to start in production/)
      for (const reason of reasons) expect(output, what).toMatch(reason)
      expect(output, what).toMatch(/openssl rand -base64 48/)
      noStackTrace(output, what)
      expect(await connects(host, Number(values.PORT)), what).toBe(false)
      expect(await connects(host, Number(values.MEDUSA_PORT)), what).toBe(false)
    }
  }, 120_000)

  it("starts, and both servers listen where HOST says and nowhere else", async () => {
    stack = launch(userShellEnv(values), children)
    await stack.ready
    expect(stack.output()).toContain(`Shop:   ${values.STOREFRONT_URL}/`)
    expect(stack.output()).toMatch(/password from MEDUSA_ADMIN_PASSWORD/)
    expect(stack.output()).toMatch(/secrets from the environment/)
    expect(stack.output()).not.toContain(values.MEDUSA_ADMIN_PASSWORD)
    for (const port of [Number(values.PORT), Number(values.MEDUSA_PORT)]) {
      expect(listeningAddresses(port), `:${port}`).toEqual([host])
      expect(await connects(host, port)).toBe(true)
      if (host !== "127.0.0.1") expect(await connects("127.0.0.1", port), `:${port} on loopback`).toBe(false)
    }
  }, 600_000)

  it("storefront: HSTS, a CSP allowing images from MEDUSA_BACKEND_URL alone, Secure __Host- cookies, no X-Powered-By", async () => {
    const visitor = new Visitor(shop)
    const page = await visitor.get("/products/mok-prai-herbal-massage-oil")
    expect(page.status).toBe(200)
    expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000")
    expect(page.headers.get("x-powered-by")).toBeNull()
    const csp = new Map(page.headers.get("content-security-policy")!.split(";").map((d) => d.trim().split(/\s+/)).map(([n, ...v]) => [n!, v]))
    expect(csp.has("upgrade-insecure-requests")).toBe(true)
    expect(csp.get("frame-ancestors")).toEqual(["'none'"])
    expect(csp.get("img-src")).toEqual(["'self'", "data:", new URL(values.MEDUSA_BACKEND_URL!).origin])
    // Product images on the public backend origin, whatever address the storefront reaches Medusa on.
    expect(page.text).toContain(`src="${new URL(values.MEDUSA_BACKEND_URL!).origin}/static/products/`)

    const cookie = (set: string[], name: string) => set.find((c) => c.startsWith(`${name}=`))
    const csrf = cookie(page.headers.getSetCookie(), "__Host-mm_csrf")
    expect(csrf).toMatch(/; Path=\/(;|$)/)
    expect(csrf).toMatch(/; HttpOnly/)
    expect(csrf).toMatch(/; Secure/)
    expect(csrf).toMatch(/; SameSite=Lax/)
    expect(csrf).not.toMatch(/Domain=/)
    const variant = /name="variant_id" value="([^"]+)"/.exec(page.text)![1]!
    const added = await visitor.post("/cart", { intent: "add", variant_id: variant, quantity: "1" })
    expect(added.status).toBe(302)
    const session = cookie(added.headers.getSetCookie(), "__Host-mm_session")
    expect(session).toMatch(/; HttpOnly/)
    expect(session).toMatch(/; Secure/)
    expect(session).toMatch(/; SameSite=Lax/)
  })

  it("Medusa: the admin session cookie is Secure (over the proxy's https) and never set over plain http; uploads on its public origin", async () => {
    const login = await fetch(`${api}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: values.MEDUSA_ADMIN_EMAIL, password: values.MEDUSA_ADMIN_PASSWORD }),
    })
    expect(login.status).toBe(200)
    const { token } = (await login.json()) as { token: string }
    const session = (proto?: string) =>
      fetch(`${api}/auth/session`, { method: "POST", headers: { authorization: `Bearer ${token}`, ...(proto ? { "x-forwarded-proto": proto } : {}) } })
    const https = await session("https")
    expect(https.status).toBe(200)
    const sid = https.headers.getSetCookie().find((c) => c.startsWith("connect.sid="))
    expect(sid).toMatch(/; HttpOnly/)
    expect(sid).toMatch(/; Secure/)
    expect(sid).toMatch(/; SameSite=Lax/)
    expect((await session()).headers.getSetCookie().some((c) => c.startsWith("connect.sid="))).toBe(false)

    // An image a group member uploads is served from the admin's public origin, not Medusa's default localhost.
    const form = new FormData()
    form.append("files", new Blob([new Uint8Array(PNG.sync.write(new PNG({ width: 2, height: 2 })))], { type: "image/png" }), "deploy-test.png")
    const upload = await fetch(`${api}/admin/uploads`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form })
    expect(upload.status).toBe(200)
    const [file] = ((await upload.json()) as { files: { id: string; url: string }[] }).files
    try {
      expect(file!.url).toMatch(new RegExp(`^${new URL(values.MEDUSA_BACKEND_URL!).origin.replace(/\./g, "\\.")}/static/\\d+-deploy-test\\.png$`))
      expect((await fetch(`${api}${new URL(file!.url).pathname}`)).status).toBe(200)
    } finally {
      await fetch(`${api}/admin/uploads/${encodeURIComponent(file!.id)}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } })
    }

    // No made-up households in a real shop: the demo is for development only.
    const households = await fetch(`${api}/admin/households`, { headers: { authorization: `Bearer ${token}` } })
    expect(households.status).toBe(200)
    expect(((await households.json()) as { households: unknown[] }).households).toEqual([])
  })

  it("sends no debug output: no stack trace, no X-Powered-By from the storefront, on bad input to either server", async () => {
    const answers: [string, Response][] = [
      ["shop 404", await fetch(`${shop}/no-such-page`)],
      ["shop bad escape", await fetch(`${shop}/products/%E0%A4%A`)],
      ["shop bad QR link", await fetch(`${shop}/01/123/10/X`)],
      ["shop unknown serial", await fetch(`${shop}/01/08859999003019/10/MO-2001-01/21/abc`)],
      ["shop form without token", await fetch(`${shop}/cart`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "intent=add" })],
      ["api 404", await fetch(`${api}/no/such/route`)],
      ["api bad JSON", await fetch(`${api}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" })],
      ["api without publishable key", await fetch(`${api}/store/products`)],
      ["api bad provenance", await fetch(`${api}/store/provenance/123/X`)],
    ]
    for (const [what, res] of answers) {
      expect(res.status, what).toBeGreaterThanOrEqual(400)
      expect(res.status, what).toBeLessThan(500)
      noStackTrace(await res.text(), what)
      if (what.startsWith("shop")) expect(res.headers.get("x-powered-by"), what).toBeNull()
    }
  })

  // ⚠ Needs issue 10 item 12 (security headers on the admin origin), done on another branch: this case fails on this
  // branch alone and passes once both are merged. Everything else in this file is this branch's.
  it("[item 12's branch] the admin origin (/app, /static) sends a CSP with frame-ancestors, nosniff and no X-Powered-By", async () => {
    for (const pathname of ["/app", "/static/products/mok-prai-oil.svg"]) {
      const res = await fetch(api + pathname)
      expect(res.status, pathname).toBe(200)
      expect(res.headers.get("content-security-policy") ?? "(none)", pathname).toMatch(/frame-ancestors/)
      expect(res.headers.get("x-content-type-options"), pathname).toBe("nosniff")
      expect(res.headers.get("x-powered-by"), pathname).toBeNull()
    }
  })
})
