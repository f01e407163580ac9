import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"

// The admin origin (Medusa: /app, /admin, /store, /auth, /static): security headers on every response, writes
// only as JSON from its own origin, no SVG/HTML uploads (docs/decisions/0019-admin-origin-security.md).

let app: TestApp
let api: AdminApi
let cookie: string
let product: Json
const staticDir = path.resolve(__dirname, "../../backend/static")

beforeAll(async () => {
  app = await startTestApp()
  const token = await adminToken(app.medusaUrl)
  api = adminApi(app.medusaUrl, token)
  // The dashboard's login: a session cookie, which a browser also sends with a form posted from another page.
  const session = await fetch(`${app.medusaUrl}/auth/session`, { method: "POST", headers: { authorization: `Bearer ${token}` } })
  expect(session.status).toBe(200)
  cookie = session.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ")
  expect(cookie).toMatch(/connect\.sid=/)
  product = (await api.ok("GET", "/admin/products?handle=mok-prai-herbal-massage-oil&fields=id,title")).products[0]
})

afterAll(async () => {
  await app?.stop()
})

const title = async () => (await api.ok("GET", `/admin/products/${product.id}?fields=title`)).product.title as string

/** A write with the admin's session cookie, as a browser would send it. */
function write(pathname: string, init: { method?: string; type?: string; body?: BodyInit; origin?: string | null }) {
  return fetch(`${app.medusaUrl}${pathname}`, {
    method: init.method ?? "POST",
    headers: {
      cookie,
      ...(init.type ? { "content-type": init.type } : {}),
      ...(init.origin === null ? {} : { origin: init.origin ?? app.medusaUrl }),
    },
    body: init.body,
  })
}

describe("security headers of the admin origin", () => {
  it("are on the dashboard, its assets, /static, the admin, store and auth APIs, and errors; X-Powered-By is gone", async () => {
    const html = await (await fetch(`${app.medusaUrl}/app`)).text()
    const asset = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!
    const store = { "x-publishable-api-key": app.publishableKey }
    const checks: [string, RequestInit, RegExp][] = [
      ["/app", {}, /script-src 'self'(;|$)/],
      ["/app/login", {}, /script-src 'self'(;|$)/],
      [asset, {}, /script-src 'self'(;|$)/],
      ["/static/products/mok-prai-oil.svg", {}, /sandbox/],
      ["/static/no-such-file.svg", {}, /sandbox/],
      [`/admin/products/${product.id}`, { headers: { cookie } }, /default-src 'none'/],
      ["/admin/products", {}, /default-src 'none'/], // 401
      ["/store/products?limit=1", { headers: store }, /default-src 'none'/],
      ["/store/content-version", { headers: store }, /default-src 'none'/],
      ["/auth/user/emailpass", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }, /default-src 'none'/],
      ["/health", {}, /default-src 'none'/],
      ["/nothing-here", {}, /default-src 'none'/],
    ]
    for (const [pathname, init, csp] of checks) {
      const res = await fetch(app.medusaUrl + pathname, init)
      const h = res.headers
      expect(h.get("content-security-policy"), pathname).toMatch(csp)
      expect(h.get("content-security-policy"), pathname).toMatch(/frame-ancestors 'none'/)
      expect(h.get("content-security-policy"), pathname).not.toMatch(/script-src[^;]*'unsafe-inline'/)
      expect(h.get("x-content-type-options"), pathname).toBe("nosniff")
      expect(h.get("x-frame-options"), pathname).toBe("DENY")
      expect(h.get("referrer-policy"), pathname).toBe("same-origin")
      expect(h.get("x-powered-by"), pathname).toBeNull()
    }
    // The label sheet keeps its own policy: its inline styles, and one script — its print button's, allowed by the
    // hash of exactly the script the sheet carries (decision 0058), nothing else that runs.
    const { batches } = await api.ok("GET", "/admin/batches?status=released")
    const sheet = await api.raw(`/admin/batches/${batches[0].id}/labels`)
    expect(sheet.status).toBe(200)
    const policy = sheet.headers.get("content-security-policy") ?? ""
    const hash = /script-src 'sha256-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1]
    expect(policy).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
    )
    const scripts = [...(await sheet.text()).matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
    expect(scripts).toHaveLength(1)
    expect(crypto.createHash("sha256").update(scripts[0]!).digest("base64")).toBe(hash)
  })
})

describe("writes to /admin and /auth", () => {
  it("refuse a form post with the admin's cookie (the one that changed a product title) and leave the title unchanged", async () => {
    const before = await title()
    const storefrontOrigin = new URL(app.env.STOREFRONT_URL!).origin
    const forms: [string, BodyInit, string | null | undefined][] = [
      ["application/x-www-form-urlencoded", "title=Hacked+by+a+form", storefrontOrigin],
      ["application/x-www-form-urlencoded", "title=Hacked+by+a+form", null],
      ["text/plain", '{"title":"Hacked by text/plain"}', storefrontOrigin],
      ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nHacked\r\n--x--\r\n', undefined],
    ]
    for (const [type, body, origin] of forms) {
      const res = await write(`/admin/products/${product.id}`, { type, body, origin })
      expect(res.status, type).toBe(415)
      expect(await res.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringMatching(/JSON/), message_th: expect.any(String) })
    }
    // Medusa's other write methods and our own routes alike.
    expect((await write(`/admin/products/${product.id}`, { method: "DELETE", type: "application/x-www-form-urlencoded", body: "a=1" })).status).toBe(415)
    expect((await write("/admin/households", { type: "application/x-www-form-urlencoded", body: "code=MM-H-999&alias=x" })).status).toBe(415)
    expect(await title()).toBe(before)

    // The same cookie with JSON from the dashboard's own origin works: the refusals were the body type.
    const renamed = await write(`/admin/products/${product.id}`, { type: "application/json", body: JSON.stringify({ title: `${before} (JSON)` }) })
    expect(renamed.status).toBe(200)
    expect(await title()).toBe(`${before} (JSON)`)
    await api.ok("POST", `/admin/products/${product.id}`, { title: before })
  })

  it("refuse another site's Origin on /admin and /auth writes with 403, changing nothing", async () => {
    const before = await title()
    for (const origin of ["http://evil.example", "null", `${app.medusaUrl}.evil.example`, "http://127.0.0.1:1"]) {
      const res = await write(`/admin/products/${product.id}`, { type: "application/json", body: JSON.stringify({ title: "Hacked" }), origin })
      expect(res.status, origin).toBe(403)
      expect(await res.json()).toMatchObject({ code: "CROSS_ORIGIN_WRITE", message_th: expect.any(String) })
    }
    expect(await title()).toBe(before)
    const login = await fetch(`${app.medusaUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ email: "admin@maemok.test", password: "wrong" }),
    })
    expect(login.status).toBe(403)
    const logout = await fetch(`${app.medusaUrl}/auth/session`, { method: "DELETE", headers: { cookie, origin: "http://evil.example" } })
    expect(logout.status).toBe(403)
    // The configured CORS origins (here the storefront's) and the backend's own are allowed; reads are not judged.
    const storefrontOrigin = new URL(app.env.STOREFRONT_URL!).origin
    expect((await write(`/admin/products/${product.id}`, { type: "application/json", body: "{}", origin: storefrontOrigin })).status).toBe(200)
    expect((await fetch(`${app.medusaUrl}/admin/products/${product.id}`, { headers: { cookie, origin: "http://evil.example" } })).status).toBe(200)
  })
})

describe("uploads", () => {
  const upload = (name: string, type: string, content: string | Buffer, origin: string | null = app.medusaUrl) => {
    const form = new FormData()
    form.append("files", new Blob([typeof content === "string" ? content : new Uint8Array(content)], { type }), name)
    return fetch(`${app.medusaUrl}/admin/uploads`, { method: "POST", headers: { cookie, ...(origin ? { origin } : {}) }, body: form })
  }
  const listStatic = () => fs.readdirSync(staticDir).sort()

  it("refuse SVG, HTML and XML files however they are named, storing nothing", async () => {
    const before = listStatic()
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>'
    for (const [name, type, content] of [
      ["evil.svg", "image/svg+xml", svg],
      ["evil.png", "image/png", svg],
      ["evil.png", "image/svg+xml", "\uFEFF  " + svg],
      ["photo.jpg", "image/jpeg", "<?xml version=\"1.0\"?>" + svg],
      ["page.html", "text/html", "<html><script>alert(1)</script></html>"],
      ["page.xhtml", "application/octet-stream", "x"],
      ["evil.SVGZ", "application/octet-stream", Buffer.from([0x1f, 0x8b, 8, 0])],
    ] as const) {
      const res = await upload(name, type, content)
      expect(res.status, `${name} ${type}`).toBe(400)
      expect(await res.json()).toMatchObject({ code: "ACTIVE_CONTENT_UPLOAD", message: expect.stringMatching(/SVG/), message_th: expect.any(String) })
    }
    expect(listStatic()).toEqual(before)
  })

  it("take an image from the dashboard, but not a multipart post without Origin or Authorization", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000100e2210bc00000000049454e44ae426082", "hex")
    const res = await upload("dot.png", "image/png", png)
    expect(res.status).toBe(200)
    const { files } = (await res.json()) as { files: { id: string; url: string }[] }
    const served = await fetch(files[0]!.url.replace(/^https?:\/\/[^/]+/, app.medusaUrl))
    expect(served.status).toBe(200)
    expect(served.headers.get("content-security-policy")).toMatch(/sandbox/)
    await api.ok("DELETE", `/admin/uploads/${files[0]!.id}`)
    const noOrigin = await upload("dot.png", "image/png", png, null)
    expect(noOrigin.status).toBe(403)
    expect(await noOrigin.json()).toMatchObject({ code: "ORIGIN_REQUIRED" })
  })
})
