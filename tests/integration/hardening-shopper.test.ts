import fs from "node:fs"
import { Readable } from "node:stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { waitForHttp, type Service } from "../../backend/launcher/processes"
import { startStorefront } from "../../backend/launcher/storefront"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { freePort, startTestApp, type TestApp } from "../support/app"
import { buyerAt, storeClient } from "../support/payment-cart"
import { pool } from "../support/pool"
import { checkoutAs as checkout, formAction, OIL, registerAs as register, SHOPPER_ADDRESS as ADDRESS, variantIds } from "../support/storefront-shopper"
import { Visitor } from "../support/storefront-visitor"

// The storefront as people use it and misuse it, over plain HTTP (issue 10: items 6, 7, 9, 13, 14):
// orders shown only to their own customer or browser (or a signed link), the login throttle in the shopper's
// language, the checkout throttle, ids checked before they reach a backend URL, personal pages never cached,
// and bodies capped at 64 KB before anything buffers them.

// A session secret of this suite's own, so the test can make signed order links as the e-mail would.
const SESSION_SECRET = "a-test-only-session-secret-for-signed-order-links"
process.env.STOREFRONT_SESSION_SECRET = SESSION_SECRET

let app: TestApp
let admin: AdminApi
let signedOrderPath: typeof import("../../storefront/app/lib/checkout/order-link.server").signedOrderPath

beforeAll(async () => {
  app = await startTestApp({ storefront: true, env: { STOREFRONT_SESSION_SECRET: SESSION_SECRET } })
  admin = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  ;({ signedOrderPath } = await import("../../storefront/app/lib/checkout/order-link.server"))
})

afterAll(async () => {
  await app?.stop()
})

const run = Date.now().toString(36)
let ipCounter = 0
/** A visitor on a network of their own (the backend counts throttles per buyer IP). */
const visitor = () => new Visitor(app.storefrontUrl, { ip: `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` })

describe("orders: only their customer, the browser that placed them, or a signed link", () => {
  let owner: Visitor
  let ownerOrder: string
  let guestOrder: string
  let guest: Visitor

  beforeAll(async () => {
    owner = visitor()
    expect((await register(owner, `owner-${run}@example.com`, "owner-password-123")).status).toBe(302)
    ownerOrder = await checkout(owner, `owner-${run}@example.com`)
    guest = visitor()
    guestOrder = await checkout(guest, `guest-${run}@example.com`)
  })

  it("another logged-in customer gets 'not found' for /account/orders/{id}, in both languages, and sees none of it", async () => {
    const other = visitor()
    expect((await register(other, `other-${run}@example.com`, "other-password-123", "คนอื่น")).status).toBe(302)
    for (const path of [`/account/orders/${ownerOrder}`, `/en/account/orders/${ownerOrder}`]) {
      const page = await other.get(path)
      expect(page.status, path).toBe(404)
      expect(page.text).not.toMatch(/สมหญิง|ใจงามยิ่ง|0891234567|12 หมู่ 5|owner-/)
      expect(page.text).toContain(path.startsWith("/en") ? "Page not found" : "ไม่พบหน้าที่ต้องการ")
    }
    // Their own account lists nothing of it.
    const account = await other.get("/account")
    expect(account.status).toBe(200)
    expect(account.text).not.toContain(ownerOrder)
    // Nor does the guest's order open for them.
    expect((await other.get(`/order/${guestOrder}/confirmed`)).status).toBe(404)
    // The owner sees the order.
    const own = await owner.get(`/account/orders/${ownerOrder}`)
    expect(own.status).toBe(200)
    expect(own.text).toContain("0891234567")
  })

  it("a guest's confirmation opens in the browser that placed the order, or with a signed link only", async () => {
    expect((await guest.get(`/order/${guestOrder}/confirmed`)).status).toBe(200)
    const stranger = visitor()
    const refused = await stranger.get(`/order/${guestOrder}/confirmed`)
    expect(refused.status).toBe(404)
    expect(refused.text).not.toMatch(/0891234567|guest-/)

    const link = signedOrderPath(guestOrder, "th")
    expect(link).toMatch(new RegExp(`^/order/${guestOrder}/confirmed\\?until=\\d+&sig=[A-Za-z0-9_-]{43}$`))
    const opened = await stranger.get(link)
    expect(opened.status).toBe(200)
    expect(opened.text).toContain("ขอบคุณสำหรับคำสั่งซื้อ")
    expect(opened.text).toContain("0891234567")
    expect((await stranger.get(signedOrderPath(guestOrder, "en"))).text).toContain("Thank you for your order")

    // A changed signature, another order's link, an expired link: not found.
    const [path, query] = link.split("?")
    const sig = new URLSearchParams(query).get("sig")!
    const tampered = `${path}?${query!.replace(sig, (sig[0] === "A" ? "B" : "A") + sig.slice(1))}`
    expect((await stranger.get(tampered)).status).toBe(404)
    expect((await stranger.get(link.replace(guestOrder, ownerOrder))).status).toBe(404)
    const expired = signedOrderPath(guestOrder, "th", { now: Date.now() - 200 * 86_400_000 })
    expect((await stranger.get(expired)).status).toBe(404)
    const later = link.replace(/until=(\d+)/, (_m, until) => `until=${Number(until) + 86_400}`)
    expect((await stranger.get(later)).status).toBe(404)
  })
})

describe("the storefront's login throttle speaks the shopper's language", () => {
  it("ten wrong passwords are 401; the 11th is a 429 page with Retry-After in Thai (and English); the account waits", async () => {
    const account = visitor()
    expect((await register(account, `throttled-${run}@example.com`, "throttled-password-1")).status).toBe(302)
    const guesser = visitor()
    await guesser.get("/account/login")
    for (let i = 0; i < 10; i++) {
      const page = await guesser.post("/account/login", { email: `throttled-${run}@example.com`, password: `guess-${i}` })
      expect(page.status).toBe(401)
      expect(page.text).toContain("อีเมลหรือรหัสผ่านไม่ถูกต้อง")
    }
    const refused = await guesser.post("/account/login", { email: `throttled-${run}@example.com`, password: "guess-10" })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60)
    expect(refused.headers.get("cache-control")).toBe("private, no-store")
    expect(refused.text).toMatch(/มีการพยายามเข้าสู่ระบบมากเกินไป เพื่อความปลอดภัยของบัญชี โปรดลองใหม่ในอีก 1[45] นาที/)
    expect(guesser.session().token).toBeUndefined()

    const english = visitor()
    await english.get("/en/account/login")
    const refusedEn = await english.post("/en/account/login", { email: `throttled-${run}@example.com`, password: "throttled-password-1" })
    expect(refusedEn.status).toBe(429)
    expect(refusedEn.text).toMatch(/Too many login attempts\. To keep the account safe, please try again in 1[45] minutes\./)
    expect(english.session().token, "the right password waits too").toBeUndefined()
  })

  it("registration never says an e-mail has an account; with its password the shopper is simply logged in", async () => {
    const first = visitor()
    const email = `returning-${run}@example.com`
    expect((await register(first, email, "returning-password-1")).status).toBe(302)

    const other = visitor()
    const refused = await register(other, email, "some-other-password")
    expect(refused.status).toBe(400)
    expect(refused.text).toContain("สมัครสมาชิกด้วยอีเมลและรหัสผ่านนี้ไม่ได้")
    expect(refused.text).not.toMatch(/อีเมลนี้มีบัญชีอยู่แล้ว|exists already/)
    expect(other.session().token).toBeUndefined()

    const again = visitor()
    const loggedIn = await register(again, email, "returning-password-1")
    expect(loggedIn.status).toBe(302)
    expect(loggedIn.location).toBe("/account")
    expect(again.session().token).toBeTruthy()

    const weak = await register(visitor(), `weak-${run}@example.com`, "12345678")
    expect(weak.status).toBe(400)
    expect(weak.text).toContain("รหัสผ่านนี้เดาง่ายเกินไป")
  })
})

describe("the checkout throttle", () => {
  it("after 10 orders from one network the next is a 429 page in Thai; the cart stays as it was", async () => {
    const client = storeClient(app)
    const ip = `10.21.0.${Math.floor(Math.random() * 200) + 1}`
    await pool(Array.from({ length: 10 }, (_, i) => i), 4, async (i) => {
      const { cart } = await client.cartReadyToPay([{ sku: "MM-CB-1", quantity: 1 }], `network-${run}-${i}@example.com`)
      expect((await client.startPayment(cart.id, "pp_system_default")).status).toBe(200)
      expect((await client.call("POST", `/store/carts/${cart.id}/complete`, undefined, undefined, buyerAt(app, ip))).body.type).toBe("order")
    })
    const shopper = new Visitor(app.storefrontUrl, { ip })
    const product = await shopper.get(OIL)
    expect((await shopper.post("/cart", { intent: "add", variant_id: variantIds(product)[0]!, quantity: "1" })).status).toBe(302)
    for (const [step, body] of [
      ["email", { intent: "email", email: `eleventh-${run}@example.com` }],
      ["address", { intent: "address", ...ADDRESS }],
    ] as const) {
      const page = await shopper.get(`/checkout?step=${step}`)
      expect((await shopper.post(formAction(page, body.intent), body)).status).toBe(302)
    }
    let page = await shopper.get("/checkout?step=shipping")
    // An option the page did not offer (Medusa checks it against the cart's own options) is the field's error.
    for (const option_id of ["so_01JZZZZZZZZZZZZZZZZZZZZZZZ", "", "not-an-option"]) {
      const wrong = await shopper.post(formAction(page, "shipping"), { intent: "shipping", option_id })
      expect(wrong.status, option_id).toBe(400)
      expect(wrong.text).toContain("กรุณาเลือกวิธีจัดส่ง")
    }
    await shopper.post(formAction(page, "shipping"), { intent: "shipping", option_id: /name="option_id"[^>]* value="([^"]+)"/.exec(page.text)![1]! })
    page = await shopper.get("/checkout?step=payment")
    await shopper.post(formAction(page, "payment"), { intent: "payment", provider_id: "pp_system_default" })
    page = await shopper.get("/checkout?step=review")
    const refused = await shopper.post(formAction(page, "place"), { intent: "place" })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60)
    expect(refused.text).toMatch(/มีการสั่งซื้อจากเครือข่ายนี้มากเกินไป โปรดลองใหม่ในอีก \d+ นาที หรือติดต่อร้าน/)
    const cartId = shopper.session().cartId as string
    const { cart } = (
      await client.call("GET", `/store/carts/${cartId}?fields=id,completed_at,*items,*shipping_methods`)
    ).body
    expect(cart.completed_at).toBeNull()
    expect(cart.items).toHaveLength(1)
    expect(cart.shipping_methods).toHaveLength(1)
  })
})

describe("the payment choice", () => {
  it("bank transfer from the start; cash on delivery goes on the cart, back to transfer it is written over; the review says which", async () => {
    const shopper = visitor()
    const product = await shopper.get(OIL)
    expect((await shopper.post("/cart", { intent: "add", variant_id: variantIds(product)[0]!, quantity: "1" })).status).toBe(302)
    let page = await shopper.get("/checkout")
    expect((await shopper.post(formAction(page, "email"), { intent: "email", email: `choice-${run}@example.com` })).status).toBe(302)
    page = await shopper.get("/checkout")
    expect((await shopper.post(formAction(page, "address"), { intent: "address", ...ADDRESS })).status).toBe(302)
    page = await shopper.get("/checkout")
    const option_id = /name="option_id"[^>]* value="([^"]+)"/.exec(page.text)![1]!
    expect((await shopper.post(formAction(page, "shipping"), { intent: "shipping", option_id })).status).toBe(302)
    const client = storeClient(app)
    const choice = async () => (await client.call("GET", `/store/carts/${shopper.session().cartId}?fields=id,metadata`)).body.cart.metadata?.payment_choice
    // Bank transfer, the default, is on the cart from the e-mail step (the payment step then writes only a change).
    expect(await choice()).toBe("bank_transfer")
    for (const [provider_id, recorded, label] of [
      ["pp_system_default:cod", "cod", "เก็บเงินปลายทาง"],
      ["pp_system_default", "bank_transfer", "โอนเงินเข้าบัญชี"],
    ] as const) {
      page = await shopper.get("/checkout?step=payment")
      expect((await shopper.post(formAction(page, "payment"), { intent: "payment", provider_id })).status).toBe(302)
      expect(await choice()).toBe(recorded)
      expect((await shopper.get("/checkout")).text).toContain(label)
    }
  })
})

describe("ids are checked before they go into a backend URL", () => {
  it("a line id that walks out of the cart (../../customers/me/addresses/…) is a 400 and deletes nothing", async () => {
    const v = visitor()
    const email = `paths-${run}@example.com`
    expect((await register(v, email, "paths-password-123")).status).toBe(302)
    const account = await v.get("/account")
    expect((await v.post(formAction(account, "add-address"), { intent: "add-address", ...ADDRESS })).status).toBe(302)
    const { customers } = await admin.ok("GET", `/admin/customers?q=${encodeURIComponent(email)}&fields=id,email,*addresses`)
    const addressId = customers.find((c: Json) => c.email === email).addresses[0].id as string
    expect(addressId).toMatch(/^cuaddr_/)

    const product = await v.get(OIL)
    expect((await v.post("/cart", { intent: "add", variant_id: variantIds(product)[0]!, quantity: "2" })).status).toBe(302)
    const cart = await v.get("/cart")
    const lineId = /name="line_id" value="([^"]+)"/.exec(cart.text)![1]!
    const walks = [`../../../customers/me/addresses/${addressId}`, `${lineId}/../../../customers/me/addresses/${addressId}`, `${lineId}?x=1`, "cali_1", "", `%2e%2e%2f${addressId}`]
    for (const line_id of walks) {
      for (const intent of ["remove", "update"]) {
        const page = await v.post("/cart", { intent, line_id, quantity: "0" })
        expect(page.status, `${intent} ${line_id}`).toBe(400)
        expect(page.text).toContain("ข้อมูลที่ส่งมาไม่ถูกต้อง ระบบไม่ได้เปลี่ยนแปลงอะไร")
      }
    }
    const en = await v.post("/en/cart", { intent: "remove", line_id: walks[0]! })
    expect(en.status).toBe(400)
    expect(en.text).toContain("What was sent is not valid. Nothing was changed.")
    // A bad variant id is refused the same way.
    expect((await v.post("/cart", { intent: "add", variant_id: "../regions", quantity: "1" })).status).toBe(400)

    const deleteAddress = formAction(await v.get("/account"), "delete-address")
    for (const address_id of [`../../addresses/${addressId}`, `${addressId}/x`, "cuaddr_x"]) {
      const page = await v.post(deleteAddress, { intent: "delete-address", address_id })
      expect(page.status, address_id).toBe(400)
      expect(page.text).toContain("ข้อมูลที่ส่งมาไม่ถูกต้อง")
    }
    // The address and the cart line are both still there.
    const after = await admin.ok("GET", `/admin/customers?q=${encodeURIComponent(email)}&fields=id,email,*addresses`)
    expect(after.customers.find((c: Json) => c.email === email).addresses.map((a: Json) => a.id)).toEqual([addressId])
    expect(/name="line_id" value="([^"]+)"/.exec((await v.get("/cart")).text)![1]).toBe(lineId)
    // The real ids still work.
    expect((await v.post(deleteAddress, { intent: "delete-address", address_id: addressId })).status).toBe(302)
    expect((await v.post("/cart", { intent: "remove", line_id: lineId })).status).toBe(302)
  })

  it("an order id in a page's URL must be an order id: 400 page otherwise, 404 when it is not theirs", async () => {
    const v = visitor()
    expect((await register(v, `urls-${run}@example.com`, "urls-password-123")).status).toBe(302)
    for (const path of ["/account/orders/..%2F..%2Fcustomers%2Fme", "/account/orders/order_1", "/order/..%2Fcarts/confirmed", "/en/order/x/confirmed"]) {
      const page = await v.get(path)
      expect(page.status, path).toBe(400)
      expect(page.text).toContain(path.startsWith("/en") ? "The link or form is not valid" : "ลิงก์หรือข้อมูลไม่ถูกต้อง")
    }
    expect((await v.get("/account/orders/order_01JZZZZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404)
  })
})

describe("personal pages are never cached", () => {
  it("every personal page, in both languages, says private, no-store and is never served from the shared page cache", async () => {
    const v = visitor()
    const email = `cache-${run}@example.com`
    expect((await register(v, email, "cache-password-123")).status).toBe(302)
    const orderId = await checkout(v, email)
    const product = await v.get(OIL)
    expect((await v.post("/cart", { intent: "add", variant_id: variantIds(product)[0]!, quantity: "1" })).status).toBe(302)
    const pages = ["/account", `/account/orders/${orderId}`, "/checkout?step=email", "/cart", `/order/${orderId}/confirmed`]
    for (const p of pages) {
      for (const path of [p, `/en${p}`]) {
        // Twice: a page kept for this shopper (decision 0074) still goes out with a new nonce and no Age.
        const [page, again] = [await v.get(path), await v.get(path)]
        for (const answer of [page, again]) {
          expect(answer.status, path).toBe(200)
          expect(answer.headers.get("cache-control"), path).toBe("private, no-store")
          expect(answer.headers.get("age"), path).toBeNull()
        }
        expect(again.headers.get("content-security-policy"), path).not.toBe(page.headers.get("content-security-policy"))
      }
    }
    // Remix's data requests of these routes (client-side navigation) too.
    const data = await v.get("/cart.data", { accept: "*/*" })
    expect(data.headers.get("cache-control")).toBe("private, no-store")
    // Without any cookie (a first visit): the same, and never a stored copy (no Age header, a new nonce each time).
    for (const path of ["/cart", "/en/cart", "/account/login", "/en/account/login", "/account/register", "/en/account/register"]) {
      const [a, b] = [await fetch(app.storefrontUrl + path), await fetch(app.storefrontUrl + path)]
      for (const res of [a, b]) {
        expect(res.status, path).toBe(200)
        expect(res.headers.get("cache-control"), path).toBe("private, no-store")
        expect(res.headers.get("age"), path).toBeNull()
      }
      expect(a.headers.get("content-security-policy")).not.toBe(b.headers.get("content-security-policy"))
    }
  })
})

describe("form bodies are capped at 64 KB", () => {
  let storefront: Service
  let url: string

  beforeAll(async () => {
    // A storefront process of this test's own, to watch its memory.
    const port = await freePort()
    storefront = startStorefront({ ...process.env, ...app.env, MEDUSA_PUBLISHABLE_KEY: app.publishableKey, STOREFRONT_URL: `http://127.0.0.1:${port}` }, { port })
    url = `http://127.0.0.1:${port}`
    await waitForHttp(`${url}/favicon.svg`, 30_000, storefront)
  })

  afterAll(async () => {
    await storefront?.stop()
  })

  const rssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${storefront.child.pid}/status`, "utf8"))![1]) / 1024

  /** Sends `mb` megabytes of form body (with a valid CSRF token and cookies), watching the storefront's memory. */
  async function bigPost(v: Visitor, path: string, mb: number, options: { chunked?: boolean; accept?: string } = {}) {
    const head = new URLSearchParams({ intent: "add", variant_id: "x", quantity: "1", csrf: v.token() }).toString() + "&pad="
    const chunk = Buffer.alloc(1024 * 1024, "a")
    const size = head.length + mb * chunk.length
    const body = options.chunked
      ? Readable.toWeb(Readable.from((function* () {
          yield Buffer.from(head)
          for (let i = 0; i < mb; i++) yield chunk
        })()))
      : Buffer.concat([Buffer.from(head), ...Array(mb).fill(chunk)])
    let peak = rssMb()
    const before = peak
    const watch = setInterval(() => (peak = Math.max(peak, rssMb())), 20)
    try {
      const res = await fetch(url + path, {
        method: "POST",
        body: body as BodyInit,
        // @ts-expect-error Node's fetch needs this for a streamed body
        duplex: "half",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(options.chunked ? {} : { "content-length": String(size) }),
          accept: options.accept ?? "text/html",
          cookie: [...v.cookies].map(([n, val]) => `${n}=${val}`).join("; "),
          origin: url,
          "sec-fetch-site": "same-origin",
        },
      })
      return { status: res.status, headers: res.headers, text: await res.text(), before, peak: Math.max(peak, rssMb()) }
    } finally {
      clearInterval(watch)
    }
  }

  it("answers a 60 MB post with a valid CSRF token with 413 at once, in Thai, and its memory stays flat", async () => {
    const v = new Visitor(url)
    await v.get(OIL)
    for (const chunked of [false, true]) {
      const res = await bigPost(v, "/cart", 60, { chunked })
      console.log(`60 MB post (${chunked ? "chunked" : "with Content-Length"}): ${res.status}, storefront memory ${res.before.toFixed(0)} → peak ${res.peak.toFixed(0)} MB`)
      expect(res.peak - res.before).toBeLessThan(40)
      expect(res.status, `chunked: ${chunked}`).toBe(413)
      expect(res.text).toContain("ข้อมูลที่ส่งมีขนาดใหญ่เกินไป")
      expect(res.text).toContain('<html lang="th">')
    }
    const en = await bigPost(v, "/en/cart", 1)
    expect(en.status).toBe(413)
    expect(en.text).toContain("What was sent is too large")
    const json = await bigPost(v, "/cart.data", 1, { accept: "*/*" })
    expect(json.status).toBe(413)
    expect(JSON.parse(json.text)).toMatchObject({ code: "BODY_TOO_LARGE", limit_bytes: 65536 })
    // Nothing was added to a cart, and the storefront still serves.
    expect(v.session().cartId).toBeUndefined()
    expect((await fetch(url + OIL)).status).toBe(200)
  })

  it("still takes a form just under the limit", async () => {
    const v = new Visitor(url)
    const product = await v.get(OIL)
    const res = await v.post("/cart", { intent: "add", variant_id: variantIds(product)[0]!, quantity: "1", note: "ก".repeat(6000) })
    expect(res.status).toBe(302)
    expect(v.session().cartId).toMatch(/^cart_/)
  })
})
