import { spawn } from "node:child_process"
import crypto from "node:crypto"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { waitForHttp, type Service } from "../../backend/launcher/processes"
import { storefrontDir } from "../../backend/launcher/paths"
import { startStorefront } from "../../backend/launcher/storefront"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { freePort, startTestApp, type TestApp } from "../support/app"
import { Visitor, type Page } from "../support/storefront-visitor"

// Storefront hardening over plain HTTP (docs/decisions/0012-storefront-security.md): security headers on every
// kind of response, cookie attributes, the production start check, and CSRF on every form action. Each forged
// post must be refused with a 403 page in the shopper's language and change nothing, which is checked in Medusa.

let app: TestApp
let admin: AdminApi

beforeAll(async () => {
  app = await startTestApp({ storefront: true })
  admin = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
})

afterAll(async () => {
  await app?.stop()
})

const OIL = "/products/mok-prai-herbal-massage-oil"

function directives(csp: string | null): Map<string, string[]> {
  expect(csp, "Content-Security-Policy header").toBeTruthy()
  return new Map(csp!.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]))
}

async function get(p: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.storefrontUrl + p, { headers, redirect: "manual" })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

function expectBaseline(headers: Headers, what: string) {
  expect(headers.get("x-content-type-options"), what).toBe("nosniff")
  expect(headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin")
  expect(headers.get("x-frame-options"), what).toBe("DENY")
  expect(headers.get("permissions-policy"), what).toMatch(/camera=\(\).*payment=\(\)/)
  // Development (APP_ENV=development) over http: no HSTS; production is checked below.
  expect(headers.get("strict-transport-security"), what).toBeNull()
}

describe("security headers", () => {
  it("gives every page a nonce-based CSP: no 'unsafe-inline' script, each inline script carries this response's nonce", async () => {
    const nonces = new Set<string>()
    for (const p of ["/", "/products", OIL, "/en" + OIL, "/cart", "/account/login", "/no-such-page"]) {
      const res = await get(p)
      expect([200, 404], p).toContain(res.status)
      expectBaseline(res.headers, p)
      const csp = directives(res.headers.get("content-security-policy"))
      const script = csp.get("script-src")!
      const nonce = script.find((s) => s.startsWith("'nonce-"))?.slice(7, -1)
      expect(nonce, `${p}: script-src ${script.join(" ")}`).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      expect(script.filter((s) => !s.startsWith("'nonce-"))).toEqual(["'self'"])
      expect(csp.get("frame-ancestors")).toEqual(["'none'"])
      expect(csp.get("frame-src")).toEqual(["'none'"])
      // Styles: this origin's files and the one inline stylesheet in the head, allowed by its hash (decision 0075).
      const styles = [...res.text.matchAll(/<style\b[^>]*>([^<]*)<\/style>/g)].map((m) => m[1]!)
      expect(styles.length, `${p}: inline stylesheets`).toBe(1)
      expect(res.text.match(/<style\b/g)?.length, p).toBe(1)
      const hash = crypto.createHash("sha256").update(styles[0]!, "utf8").digest("base64")
      expect(csp.get("style-src")).toEqual(["'self'", `'sha256-${hash}'`])
      expect(res.text, p).not.toMatch(/\sstyle="/)
      expect(csp.get("object-src")).toEqual(["'none'"])
      expect(csp.get("base-uri")).toEqual(["'none'"])
      expect(csp.get("img-src")).toContain(app.medusaUrl)
      expect(res.headers.get("content-security-policy")).not.toMatch(/unsafe|stripe/)
      expect(csp.has("upgrade-insecure-requests")).toBe(false)
      // Every executable script is inline with the nonce or an asset of this origin (src="/assets/…").
      const scripts = [...res.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!)
      expect(scripts.length, p).toBeGreaterThan(0)
      for (const attrs of scripts) {
        if (/type="application\/ld\+json"/.test(attrs)) continue
        expect(attrs, `${p}: <script${attrs}>`).toContain(`nonce="${nonce}"`)
      }
      expect(res.text, p).not.toMatch(/\son[a-z]+="/)
      // React 18's Node stream writer put NUL bytes into Thai text at its 2 KB buffer edges (entry.server.tsx).
      expect(res.text.includes("\u0000"), `${p} has a NUL byte`).toBe(false)
      nonces.add(nonce!)
    }
    expect(nonces.size, "a fresh nonce per response").toBe(7)
  })

  it("gives the script-free provenance pages a policy without any script", async () => {
    const { batches } = await admin.ok("GET", "/admin/batches?status=released")
    const batch = (await admin.ok("GET", `/admin/batches/${batches[0].id}`)).batch
    const lot = `/01/${batch.variant.barcode}/10/${batch.lot_number}`
    for (const p of [lot, `${lot}/21/${batch.units[0].serial}`, `${lot}/21/7K3QW9TZ0M4D8XHV`, "/01/08859999999994/10/X"]) {
      const res = await get(p)
      expect([200, 400, 404], p).toContain(res.status)
      expectBaseline(res.headers, p)
      const csp = directives(res.headers.get("content-security-policy"))
      expect(csp.get("default-src"), p).toEqual(["'none'"])
      expect(csp.has("script-src"), p).toBe(false)
      expect(csp.get("style-src")).toEqual(["'self'"])
      expect(csp.get("img-src")).toEqual(["'self'", app.medusaUrl])
      expect(csp.get("frame-ancestors")).toEqual(["'none'"])
      expect(res.text, p).not.toMatch(/<script/i)
    }
  })

  it("lets nothing load from static files, JSON, XML, text and redirects", async () => {
    const home = await get("/")
    const font = /href="(\/assets\/[^"]+\.woff2)"/.exec(home.text)![1]!
    const { batches } = await admin.ok("GET", "/admin/batches?status=released")
    const lot = `/01/${batches[0].variant.barcode}/10/${batches[0].lot_number}`
    // Shop pages carry their stylesheet inline (decision 0075); the script-free scan pages still link it.
    const css = /href="(\/assets\/[^"]+\.css)"/.exec((await get(lot)).text)![1]!
    const responses = [
      ["/favicon.svg"],
      [css],
      [font],
      ["/sitemap.xml"],
      ["/robots.txt"],
      ["/.well-known/gs1resolver"],
      ["/api/thai-address?province=ลำปาง"],
      [`${lot}?linkType=all`],
      [lot, { accept: "application/linkset+json" }],
      [`${lot}?linkType=gs1:traceability`],
      [`/01/${batches[0].variant.barcode}`],
      ["/products.data"],
    ] as const
    for (const [p, headers] of responses) {
      const res = await get(p, headers ?? {})
      expect([200, 307], p).toContain(res.status)
      expectBaseline(res.headers, p)
      expect(res.headers.get("content-security-policy"), p).toBe("default-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
    }
  })
})

function expectAttributes(setCookie: string | undefined, secure: boolean) {
  expect(setCookie, "Set-Cookie").toBeTruthy()
  const attributes = setCookie!.split(";").slice(1).map((a) => a.trim().toLowerCase())
  expect(attributes).toEqual(expect.arrayContaining(["path=/", "httponly", "samesite=lax"]))
  expect(attributes.includes("secure"), setCookie).toBe(secure)
  expect(attributes.some((a) => a.startsWith("domain=")), setCookie).toBe(false)
}

describe("cookies", () => {
  it("sets the CSRF and session cookies HttpOnly, SameSite=Lax, Path=/ (not Secure over http in development)", async () => {
    const visitor = new Visitor(app.storefrontUrl)
    const page = await visitor.get(OIL)
    const csrf = page.headers.getSetCookie().find((c) => c.startsWith("mm_csrf="))
    expectAttributes(csrf, false)
    const added = await visitor.post("/cart", { intent: "add", variant_id: variantIds(page)[0]!, quantity: "1" })
    expect(added.status).toBe(302)
    expectAttributes(added.headers.getSetCookie().find((c) => c.startsWith("mm_session=")), false)
    // Once set, the CSRF cookie is not sent again.
    expect((await visitor.get("/cart")).headers.getSetCookie().some((c) => c.startsWith("mm_csrf="))).toBe(false)
  })

  it("in production: HSTS, upgrade-insecure-requests and Secure __Host- cookies", async () => {
    const port = await freePort()
    const storefront = startStorefront(
      {
        ...process.env,
        ...app.env,
        APP_ENV: "production",
        STOREFRONT_SESSION_SECRET: "a-test-only-storefront-secret-of-48-characters!!",
        STOREFRONT_API_SECRET: "a-test-only-storefront-api-secret-of-44-chars",
        MEDUSA_PUBLISHABLE_KEY: app.publishableKey,
      },
      { port }
    )
    try {
      await waitForHttp(`http://127.0.0.1:${port}/favicon.svg`, 30_000, storefront)
      const visitor = new Visitor(`http://127.0.0.1:${port}`)
      const page = await visitor.get(OIL)
      expect(page.status).toBe(200)
      expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000")
      expect(directives(page.headers.get("content-security-policy")).has("upgrade-insecure-requests")).toBe(true)
      expectAttributes(page.headers.getSetCookie().find((c) => c.startsWith("__Host-mm_csrf=")), true)
      const added = await visitor.post("/cart", { intent: "add", variant_id: variantIds(page)[0]!, quantity: "1" })
      expect(added.status).toBe(302)
      expectAttributes(added.headers.getSetCookie().find((c) => c.startsWith("__Host-mm_session=")), true)
      expect((await fetch(`http://127.0.0.1:${port}/favicon.svg`)).headers.get("strict-transport-security")).toBe("max-age=31536000")
    } finally {
      await storefront.stop()
    }
  })

  it("refuses to start in production without real session and API secrets, and says what to set", async () => {
    const good = "a-test-only-secret-that-is-long-enough-1234"
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ APP_ENV: "production" }, /STOREFRONT_SESSION_SECRET is not set/],
      [{ APP_ENV: "", NODE_ENV: "production" }, /STOREFRONT_SESSION_SECRET is not set/],
      [{ APP_ENV: "production", STOREFRONT_SESSION_SECRET: "mae-mok-dev-session-secret-change-me" }, /published development value/],
      [{ APP_ENV: "production", STOREFRONT_SESSION_SECRET: "short" }, /shorter than 32 characters/],
      [{ APP_ENV: "production", STOREFRONT_SESSION_SECRET: good }, /STOREFRONT_API_SECRET is not set/],
      [{ APP_ENV: "production", STOREFRONT_SESSION_SECRET: good, STOREFRONT_API_SECRET: "dev-only-storefront-api-secret" }, /STOREFRONT_API_SECRET is the published development value/],
    ]
    for (const [env, reason] of cases) {
      const { code, stderr } = await runStorefront({ ...env, PORT: String(await freePort()) })
      expect(code, JSON.stringify(env)).toBe(1)
      expect(stderr).toMatch(reason)
      expect(stderr).toMatch(/Set each to a random string of at least 32 characters/)
      expect(stderr).not.toMatch(/\n\s+at /)
    }
  })
})

function runStorefront(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env, ...app.env, MEDUSA_PUBLISHABLE_KEY: app.publishableKey }
  delete base.STOREFRONT_SESSION_SECRET
  delete base.STOREFRONT_API_SECRET
  const child = spawn(process.execPath, [path.join(storefrontDir, "server.js")], { cwd: storefrontDir, env: { ...base, ...env } })
  let stderr = ""
  child.stderr.on("data", (chunk) => (stderr += chunk))
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000)
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, stderr })
    })
  )
}

// --- CSRF ----------------------------------------------------------------------------------------------------

function variantIds(page: Page): string[] {
  return [...page.text.matchAll(/name="variant_id"[^>]* value="([^"]+)"/g)].map((m) => m[1]!)
}

/** Where the page's post form (the one with this intent, if given) sends its fields, as the browser would. */
function formAction(page: Page, intent?: string): string {
  const forms = page.text.split("<form").slice(1).filter((f) => /^[^>]*method="post"/.test(f))
  const form = forms.find((f) => intent === undefined || f.includes(`name="intent" value="${intent}"`))
  if (!form) throw new Error(`no post form${intent ? ` with intent ${intent}` : ""} on the page`)
  return (/action="([^"]*)"/.exec(form)?.[1] ?? "").replace(/&amp;/g, "&")
}

const ATTACKS = {
  "no token": { token: null },
  "a made-up token": { token: "made-up" },
  "another browser's token": { token: "other" },
  "a cross-site Origin": { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } },
  "Sec-Fetch-Site cross-site only": { headers: { "sec-fetch-site": "cross-site" } },
  "a sibling subdomain": { headers: { origin: "https://shop.evil.example", "sec-fetch-site": "same-site" } },
  "a browser with no CSRF cookie": { withoutCookies: true },
} as const

let otherToken = ""

/** Every kind of forged post of these fields: each one a 403 page in the language of the path. */
async function forge(visitor: Visitor, action: string, fields: Record<string, string>) {
  const own = visitor.token()
  if (!otherToken) {
    const other = new Visitor(app.storefrontUrl)
    await other.get(OIL)
    otherToken = other.token()
  }
  for (const [name, attack] of Object.entries(ATTACKS)) {
    const token = "token" in attack ? (attack.token === "other" ? otherToken : attack.token === "made-up" ? own.slice(1) + "A" : null) : own
    const before = new Map(visitor.cookies)
    const res = await visitor.post(action, fields, { ...attack, token })
    expect(res.status, `${action} ${fields.intent ?? ""} with ${name}`).toBe(403)
    if (action.startsWith("/en/")) expect(res.text).toContain("The form was not accepted")
    else expect(res.text).toContain("ส่งแบบฟอร์มไม่สำเร็จ")
    expect(res.headers.getSetCookie().filter((c) => c.includes("mm_session")), name).toEqual([])
    expect(visitor.cookies).toEqual(before)
  }
  // The same refusal when the post comes from Remix's <Form> with JavaScript (a single-fetch .data request).
  const [pathname, query] = action.split("?")
  const data = await visitor.post(`${pathname === "/" ? "/_root" : pathname}.data${query ? `?${query}` : ""}`, fields, { token: null })
  expect(data.status, `${action}.data without a token`).toBe(403)
}

const store = async (p: string) => {
  const res = await fetch(app.medusaUrl + p, { headers: { "x-publishable-api-key": app.publishableKey } })
  expect(res.status, p).toBe(200)
  return (await res.json()) as Json
}

async function cartOf(visitor: Visitor): Promise<Json> {
  const id = visitor.session().cartId as string
  expect(id, "the visitor has a cart").toMatch(/^cart_/)
  return (
    await store(
      `/store/carts/${id}?fields=id,email,completed_at,*items,*shipping_address,*shipping_methods,*payment_collection.payment_sessions`
    )
  ).cart
}

const cartState = (cart: Json) => ({
  email: cart.email ?? null,
  items: cart.items.map((i: Json) => [i.variant_id, i.quantity]).sort(),
  address: cart.shipping_address?.postal_code ?? null,
  shipping: (cart.shipping_methods ?? []).map((m: Json) => m.shipping_option_id),
  payment: (cart.payment_collection?.payment_sessions ?? []).map((s: Json) => s.provider_id),
  completed: cart.completed_at ?? null,
})

async function ordersOf(email: string): Promise<number> {
  const { orders } = await admin.ok("GET", `/admin/orders?fields=id,email&limit=100`)
  return orders.filter((o: Json) => o.email === email).length
}

async function customerOf(email: string): Promise<Json | undefined> {
  const { customers } = await admin.ok("GET", `/admin/customers?q=${encodeURIComponent(email)}&fields=id,email,*addresses`)
  return customers.find((c: Json) => c.email === email)
}

const ADDRESS = {
  first_name: "สมใจ",
  last_name: "ใจดี",
  phone: "0812345678",
  address_1: "99 หมู่ 3",
  country_code: "th",
  province: "ลำปาง",
  district: "เถิน",
  sub_district: "แม่มอก",
  postal_code: "52160",
}

describe("CSRF: forged posts are refused and change nothing", () => {
  it("cart: add, update, remove", async () => {
    const visitor = new Visitor(app.storefrontUrl)
    const product = await visitor.get(OIL)
    const [small, large] = variantIds(product)
    const action = formAction(product, "add")
    expect(action).toBe("/cart")
    await forge(visitor, action, { intent: "add", variant_id: small!, quantity: "1" })
    expect(visitor.session().cartId, "no cart was made by a forged add").toBeUndefined()

    expect((await visitor.post(action, { intent: "add", variant_id: small!, quantity: "1" })).status).toBe(302)
    const before = cartState(await cartOf(visitor))
    expect(before.items).toEqual([[small, 1]])

    await visitor.get(OIL)
    await forge(visitor, action, { intent: "add", variant_id: large!, quantity: "3" })
    const cart = await visitor.get("/cart")
    const lineId = /name="line_id" value="([^"]+)"/.exec(cart.text)![1]!
    expect(formAction(cart, "update")).toBe("/cart")
    await forge(visitor, "/cart", { intent: "update", line_id: lineId, quantity: "7" })
    await forge(visitor, "/cart", { intent: "remove", line_id: lineId })
    await forge(visitor, "/en/cart", { intent: "remove", line_id: lineId })
    expect(cartState(await cartOf(visitor))).toEqual(before)

    // With the page's token the same posts work.
    expect((await visitor.post("/cart", { intent: "update", line_id: lineId, quantity: "2" })).status).toBe(302)
    expect(cartState(await cartOf(visitor)).items).toEqual([[small, 2]])
  })

  it("checkout: e-mail, address, shipping, payment and placing the order", async () => {
    const visitor = new Visitor(app.storefrontUrl)
    const email = "csrf-checkout@example.com"
    const product = await visitor.get(OIL)
    expect((await visitor.post("/cart", { intent: "add", variant_id: variantIds(product)[0]!, quantity: "1" })).status).toBe(302)

    const steps: [string, (page: Page) => Record<string, string>][] = [
      ["email", () => ({ intent: "email", email })],
      ["address", () => ({ intent: "address", ...ADDRESS })],
      ["shipping", (page) => ({ intent: "shipping", option_id: /name="option_id"[^>]* value="([^"]+)"/.exec(page.text)![1]! })],
      ["payment", () => ({ intent: "payment", provider_id: "pp_system_default" })],
      ["review", () => ({ intent: "place" })],
    ]
    for (const [step, fields] of steps) {
      const page = await visitor.get(`/checkout?step=${step}`)
      expect(page.status, step).toBe(200)
      const body = fields(page)
      const action = formAction(page, body.intent!)
      const before = cartState(await cartOf(visitor))
      await forge(visitor, action, body)
      expect(cartState(await cartOf(visitor)), `nothing changed by a forged ${step} step`).toEqual(before)
      expect(await ordersOf(email)).toBe(0)
      const done = await visitor.post(action, body)
      expect(done.status, `${step} with the token: ${done.text.slice(0, 200)}`).toBe(302)
    }
    expect(await ordersOf(email)).toBe(1)
  })

  it("accounts: register, log out, addresses, log in", async () => {
    const visitor = new Visitor(app.storefrontUrl)
    const email = "csrf-account@example.com"
    const password = "csrf-secret-123"
    const register = await visitor.get("/account/register")
    const registration = { first_name: "แก้วตา", last_name: "ทดสอบ", email, password }
    expect(formAction(register)).toBe("/account/register")
    await forge(visitor, "/account/register", registration)
    expect(await customerOf(email), "no customer made by a forged registration").toBeUndefined()
    expect((await visitor.post("/account/register", registration)).status).toBe(302)
    expect(await customerOf(email)).toBeDefined()
    expect(visitor.session().token).toBeTruthy()

    let account = await visitor.get("/account")
    expect(account.status).toBe(200)
    const accountAction = formAction(account, "logout")
    expect(accountAction).toBe("/account?index")
    await forge(visitor, accountAction, { intent: "logout" })
    await forge(visitor, accountAction, { intent: "add-address", ...ADDRESS })
    expect(visitor.session().token, "still logged in after forged log-outs").toBeTruthy()
    expect((await visitor.get("/account")).status).toBe(200)
    expect((await customerOf(email))!.addresses).toEqual([])

    expect((await visitor.post(accountAction, { intent: "add-address", ...ADDRESS })).status).toBe(302)
    const [address] = (await customerOf(email))!.addresses
    expect(address.postal_code).toBe("52160")
    account = await visitor.get("/account")
    await forge(visitor, accountAction, { intent: "delete-address", address_id: address.id })
    expect((await customerOf(email))!.addresses.map((a: Json) => a.id)).toEqual([address.id])

    expect((await visitor.post(accountAction, { intent: "logout" })).status).toBe(302)
    expect(visitor.session().token).toBeUndefined()
    const login = await visitor.get("/account/login")
    expect(formAction(login)).toBe("/account/login")
    await forge(visitor, "/account/login", { email, password })
    expect(visitor.session().token, "not logged in by a forged login").toBeUndefined()
    expect((await visitor.get("/account")).location).toBe("/account/login")
    await visitor.get("/account/login")
    expect((await visitor.post("/account/login", { email, password })).status).toBe(302)
    expect(visitor.session().token).toBeTruthy()
  })
})
