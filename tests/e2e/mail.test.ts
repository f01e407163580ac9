import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import jsQR from "jsqr"
import { simpleParser, type ParsedMail } from "mailparser"
import { PNG } from "pngjs"
import type { Browser, Page } from "playwright-core"
import { SMTPServer } from "smtp-server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, startTestApp, type TestApp } from "../support/app"
import { logIntoAdmin } from "../support/admin-login"
import { adminApi, type AdminApi } from "../support/admin-api"
import { fulfilmentFixtures } from "../support/fulfilment"
import { buyerAt, storeClient } from "../support/payment-cart"
import { launchChromium, thaiAdminContext } from "./browser"

// The shop's e-mail against a real SMTP server started here (smtp-server; messages parsed with mailparser):
// order mail in the order's language with the bank details and the exact amount, the group's new-order mail,
// each once; SMTP down during checkout; the password reset link followed in Chromium (works once); and, on a
// default start without SMTP, the .eml outbox read in the admin.

const BANK = { BANK_NAME: "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", BANK_ACCOUNT_NAME: "วิสาหกิจชุมชนแม่หมอก", BANK_ACCOUNT_NUMBER: "020-1-23456-7" }
const SHOP_EMAIL = "group@maemok.test"

type Received = { mail: ParsedMail; rcpt: string[] }
const inbox: Received[] = []
let smtp: SMTPServer | null = null
let smtpPort: number

async function startSmtp() {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({ mail, rcpt: session.envelope.rcptTo.map((r) => r.address) })
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => smtp!.listen(smtpPort, "127.0.0.1", resolve))
}

async function stopSmtp() {
  const server = smtp
  smtp = null
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
}

function mailsTo(address: string, template?: string): Received[] {
  return inbox.filter((m) => m.rcpt.some((r) => r.toLowerCase() === address.toLowerCase()) && (!template || m.mail.headers.get("x-mae-mok-template") === template))
}

async function waitForMail(address: string, template: string): Promise<ParsedMail> {
  await expect.poll(() => mailsTo(address, template).length, { timeout: 30_000, interval: 200 }).toBeGreaterThan(0)
  return mailsTo(address, template)[0]!.mail
}

/** Links in the HTML part. */
function links(mail: ParsedMail): string[] {
  return [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"))
}

let app: TestApp
let client: ReturnType<typeof storeClient>
let admin: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>
let browser: Browser

beforeAll(async () => {
  smtpPort = await freePort()
  await startSmtp()
  browser = await launchChromium()
  app = await startTestApp({
    storefront: true,
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtpPort), MAIL_FROM: `"แม่หมอก" <shop@maemok.test>`, SHOP_EMAIL, SHOP_PHONE: "081-234-5678", SHOP_LINE: "@maemok", PROMPTPAY_ID: "0812345678", LOW_STOCK_THRESHOLD: "100000", ...BANK },
  })
  client = storeClient(app)
  const token = await client.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD)
  admin = (method, p, body) => client.call(method, p, body, token)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stopSmtp()
})

/** A bank-transfer order placed through the store API, in `locale`. */
async function placeBankTransferOrder(email: string, locale: "th" | "en", choice: "bank_transfer" | "cod" = "bank_transfer", ip?: string) {
  const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 2 }], email)
  const updated = await client.call("POST", `/store/carts/${cart.id}`, { metadata: { locale, payment_choice: choice } })
  expect(updated.status).toBe(200)
  expect((await client.startPayment(cart.id, "pp_system_default")).status).toBe(200)
  // A buyer's own network (through the storefront) keeps many orders under the checkout limit per network.
  const completed = await client.call("POST", `/store/carts/${cart.id}/complete`, undefined, undefined, ip ? buyerAt(app, ip) : {})
  expect(completed.body.type).toBe("order")
  return completed.body.order as { id: string; display_id: number; total: number }
}

describe("order mail over SMTP", () => {
  it("sends the buyer one Thai confirmation with the bank account and exact amount, and the group one new-order mail", async () => {
    const order = await placeBankTransferOrder("somchai@example.com", "th")
    expect(order.total).toBe(2 * 159 + 60)
    const mail = await waitForMail("somchai@example.com", "order-placed")
    expect(mail.subject).toBe(`ได้รับคำสั่งซื้อ #${order.display_id} แล้ว`)
    for (const part of [String(mail.html), mail.text ?? ""]) {
      expect(part).toContain(BANK.BANK_ACCOUNT_NUMBER)
      expect(part).toContain(BANK.BANK_ACCOUNT_NAME)
      expect(part).toContain("฿378.00")
      // The line: its quantity (read from the order item, as the sales shares read it) and its amount.
      expect(part).toMatch(/× 2(?!\d)/)
      expect(part).toContain("฿318.00")
      expect(part).toContain("สลิป")
      expect(part).toContain("@maemok")
      expect(part).toContain("081-234-5678")
    }
    expect(mail.text).toContain("99 ถนนพหลโยธิน")
    const group = await waitForMail(SHOP_EMAIL, "shop-new-order")
    expect(group.subject).toContain(`คำสั่งซื้อใหม่ #${order.display_id}`)
    expect(links(group)).toContain(`${app.medusaUrl}/app/orders/${order.id}`)

    // The order link in the mail opens the order in the shop (a guest's signed link, decision 0025).
    const orderLink = links(mail).find((l) => l.includes(`/order/${order.id}/confirmed`))
    expect(orderLink?.startsWith(app.storefrontUrl)).toBe(true)
    const page = await browser.newPage()
    const res = await page.goto(orderLink!)
    expect(res?.status()).toBe(200)
    await expect.poll(() => page.textContent("main")).toContain(String(order.display_id))
    // … with where to transfer the exact total.
    const transfer = await page.getByTestId("bank-transfer").textContent()
    expect(transfer).toContain(BANK.BANK_ACCOUNT_NUMBER)
    expect(transfer).toContain("378")
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 })
      await page.screenshot({ path: path.join(os.tmpdir(), `maemok-order-transfer-${width}.png`), fullPage: true })
    }
    await page.close()

    // Once per order: nothing more arrives, also after the retry job looks for failures.
    expect((await admin("POST", "/admin/mail/retry", {})).body).toEqual({ tried: 0, sent: 0 })
    await new Promise((r) => setTimeout(r, 1500))
    expect(mailsTo("somchai@example.com", "order-placed")).toHaveLength(1)
    expect(mailsTo(SHOP_EMAIL, "shop-new-order").filter((m) => m.mail.subject?.includes(`#${order.display_id} `))).toHaveLength(1)
  })

  it("puts the PromptPay QR for the exact total into the mail as an inline image", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 2 }], "qr@example.com")
    const session = await client.startPayment(cart.id, "pp_promptpay_promptpay")
    const payload = session.body.payment_collection.payment_sessions[0].data.payload as string
    expect(payload).toContain("5406378.00")
    const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(completed.body.type).toBe("order")
    const mail = await waitForMail("qr@example.com", "order-placed")
    const image = mail.attachments.find((a) => a.cid === "promptpay-qr@maemok")
    expect(image?.contentType).toBe("image/png")
    // mailparser turns cid: references into data: URLs; either way the HTML shows the attached image.
    expect(String(mail.html)).toMatch(/src="(cid:promptpay-qr@maemok|data:image\/png;base64,)/)
    const png = PNG.sync.read(image!.content)
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(payload)
    expect(mail.text).not.toContain(BANK.BANK_ACCOUNT_NUMBER)
  })

  it("tells cash on delivery apart: no bank details for the buyer, the method in the group's subject", async () => {
    const order = await placeBankTransferOrder("cod@example.com", "th", "cod")
    const mail = await waitForMail("cod@example.com", "order-placed")
    expect(mail.text).toContain("ชำระเงินปลายทาง")
    expect(mail.text).not.toContain(BANK.BANK_ACCOUNT_NUMBER)
    await expect
      .poll(() => mailsTo(SHOP_EMAIL, "shop-new-order").find((m) => m.mail.subject?.includes(`#${order.display_id} `))?.mail.subject, { timeout: 30_000 })
      .toContain("เก็บเงินปลายทาง")
  })

  it("writes to an English buyer in English", async () => {
    const order = await placeBankTransferOrder("john@example.com", "en")
    const mail = await waitForMail("john@example.com", "order-placed")
    expect(mail.subject).toBe(`Order #${order.display_id} received`)
    expect(mail.text).toContain("Account number")
    expect(mail.text).toContain(BANK.BANK_ACCOUNT_NUMBER)
    expect(links(mail).some((l) => l.startsWith(`${app.storefrontUrl}/en/order/${order.id}/confirmed?`))).toBe(true)
  })

  it("tells the group of a variant at or below the low-stock threshold once a day, however many orders", async () => {
    const mail = await waitForMail(SHOP_EMAIL, "shop-low-stock")
    expect(mail.subject).toContain("MM-OIL-30")
    expect(mail.subject).toContain("สินค้าใกล้หมด")
    expect(mailsTo(SHOP_EMAIL, "shop-low-stock").filter((m) => m.mail.subject?.includes("MM-OIL-30"))).toHaveLength(1)
  })

  it("places the order while SMTP is down and sends the mail once SMTP is back", async () => {
    await stopSmtp()
    const order = await placeBankTransferOrder("down@example.com", "th")
    // The send was tried and failed (marked for the retry job), the order stands.
    await expect
      .poll(async () => (await admin("GET", "/admin/mail/outbox")).body.failed, { timeout: 30_000, interval: 300 })
      .toBeGreaterThanOrEqual(2)
    expect(mailsTo("down@example.com")).toHaveLength(0)
    const stored = await admin("GET", `/admin/orders/${order.id}?fields=id,status`)
    expect(stored.body.order.status).toBe("pending")

    await startSmtp()
    const retried = await admin("POST", "/admin/mail/retry", {})
    expect(retried.body).toEqual({ tried: 2, sent: 2 })
    const mail = await waitForMail("down@example.com", "order-placed")
    expect(mail.subject).toBe(`ได้รับคำสั่งซื้อ #${order.display_id} แล้ว`)
    expect((await admin("POST", "/admin/mail/retry", {})).body).toEqual({ tried: 0, sent: 0 })
    expect(mailsTo("down@example.com")).toHaveLength(1)
    expect((await admin("GET", "/admin/mail/outbox")).body.failed).toBe(0)
  })
})

describe("order events", () => {
  async function orderRow(id: string) {
    const { body } = await admin("GET", `/admin/orders/${id}?fields=id,display_id,*items,*payment_collections.payments`)
    return body.order
  }

  it("mails payment confirmed when the group captures the transfer, then shipped with the Thailand Post link", async () => {
    const order = await placeBankTransferOrder("paid@example.com", "th")
    await waitForMail("paid@example.com", "order-placed")
    const row = await orderRow(order.id)
    const payment = row.payment_collections[0].payments[0]
    expect((await admin("POST", `/admin/payments/${payment.id}/capture`, {})).status).toBe(200)
    const paid = await waitForMail("paid@example.com", "payment-confirmed")
    expect(paid.subject).toBe(`ได้รับชำระเงินคำสั่งซื้อ #${order.display_id} แล้ว`)

    const items = row.items.map((i: { id: string; quantity: number }) => ({ id: i.id, quantity: i.quantity }))
    const fulfilled = await admin("POST", `/admin/orders/${order.id}/fulfillments`, { items })
    expect(fulfilled.status, JSON.stringify(fulfilled.body)).toBe(200)
    const withFulfillment = await admin("GET", `/admin/orders/${order.id}?fields=id,*fulfillments`)
    const fulfillment = withFulfillment.body.order.fulfillments[0]
    const shipped = await admin("POST", `/admin/orders/${order.id}/fulfillments/${fulfillment.id}/shipments`, {
      items,
      labels: [{ tracking_number: "eb 1234 5678 5 th", tracking_url: "#", label_url: "#" }],
    })
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200)
    const mail = await waitForMail("paid@example.com", "order-shipped")
    expect(mail.subject).toBe(`คำสั่งซื้อ #${order.display_id} จัดส่งแล้ว`)
    expect(mail.text).toContain("EB123456785TH")
    expect(links(mail)).toContain("https://track.thailandpost.co.th/?trackNumber=EB123456785TH")
  })

  it("mails an English buyer that the group cancelled the unpaid order", async () => {
    const order = await placeBankTransferOrder("cancel@example.com", "en")
    await waitForMail("cancel@example.com", "order-placed")
    expect((await admin("POST", `/admin/orders/${order.id}/cancel`, {})).status).toBe(200)
    const mail = await waitForMail("cancel@example.com", "order-canceled")
    expect(mail.subject).toBe(`Order #${order.display_id} was cancelled`)
    expect(mail.text).toContain("did not arrive in time")
    await new Promise((r) => setTimeout(r, 1000))
    expect(mailsTo("cancel@example.com", "order-canceled")).toHaveLength(1)
  })
})

describe("group mail", () => {
  it("tells the group once of a plot certificate within 30 days of expiry, and not of one valid longer", async () => {
    const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }
    const ok = async (p: string, body: unknown) => {
      const r = await admin("POST", p, body)
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      return r.body
    }
    const species = (await ok("/admin/herb-species", { thai_name: "ไพล", scientific_name: "Zingiber montanum (mail)", part_used: "เหง้า" })).herb_species
    const household = (await ok("/admin/households", { code: "MM-H-8801", alias: "สวนทดสอบอีเมล", ...place })).household
    const plot = (await ok("/admin/plots", { code: "MM-P-8801", household_id: household.id, species_ids: [species.id], ...place })).plot
    const day = (offset: number) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)
    await ok("/admin/certifications", { plot_id: plot.id, scheme: "TH-GAP", certificate_number: "GAP-SOON-1", certifying_body: "กรมวิชาการเกษตร", valid_from: day(-300), valid_until: day(10) })
    await ok("/admin/certifications", { plot_id: plot.id, scheme: "PGS", certificate_number: "PGS-LATER-2", certifying_body: "เครือข่าย PGS", valid_from: day(-300), valid_until: day(200) })
    expect((await ok("/admin/mail/group-checks", {})).certificates).toBe(1)
    const mail = await waitForMail(SHOP_EMAIL, "shop-certificate-expiring")
    expect(mail.subject).toBe(`ใบรับรอง TH-GAP GAP-SOON-1 หมดอายุ ${day(10)}`)
    expect(mail.text).toContain("MM-P-8801")
    expect(mail.text).not.toContain("สวนทดสอบอีเมล")
    // The next day's check sends nothing new.
    await ok("/admin/mail/group-checks", {})
    await new Promise((r) => setTimeout(r, 1000))
    expect(mailsTo(SHOP_EMAIL, "shop-certificate-expiring")).toHaveLength(1)
  })
})

describe("recall notice", () => {
  it("mails exactly the buyers who received units of the recalled batch, once each, in their order's language", async () => {
    const api: AdminApi = adminApi(app.medusaUrl, await client.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD))
    const { batch } = await fulfilmentFixtures(app, api, 771)
    const recalled = await batch("MM-OIL-30", "2026-11-20", 4)
    const kept = await batch("MM-OIL-30", "2026-11-21", 4)
    const order = (email: string, locale: "th" | "en", n: number) => placeBankTransferOrder(email, locale, "bank_transfer", `10.88.2.${n}`)
    const pack = async (orderId: string, units: { url: string }[]) => {
      for (const u of units) expect((await api.call("POST", `/admin/orders/${orderId}/packing/scans`, { code: u.url })).status).toBe(200)
    }
    // Each order is 2 × MM-OIL-30, packed by scanning units of one batch or of both.
    const first = await order("recall-twice@example.com", "th", 1)
    await pack(first.id, recalled.units.slice(0, 2))
    const second = await order("Recall-Twice@example.com", "th", 2)
    await pack(second.id, [recalled.units[2]!, kept.units[0]!])
    const mixed = await order("recall-en@example.com", "en", 3)
    await pack(mixed.id, [recalled.units[3]!, kept.units[1]!])
    const other = await order("recall-other-batch@example.com", "th", 4)
    await pack(other.id, kept.units.slice(2, 4))
    const unpacked = await order("recall-unpacked@example.com", "th", 5)

    await api.ok("POST", `/admin/batches/${recalled.id}/recall`, { reason: "ผลตรวจจุลินทรีย์เกินเกณฑ์" })

    // One Thai mail for the buyer of two orders (the address in either case), naming both orders and their units.
    const th = await waitForMail("recall-twice@example.com", "recall-notice")
    expect(th.subject).toBe(`แจ้งเรียกคืนสินค้า ล็อต ${recalled.lot_number}`)
    expect(th.text).toContain("ผลตรวจจุลินทรีย์เกินเกณฑ์")
    expect(th.text).toContain("หยุดใช้")
    expect(th.text).toContain(`คำสั่งซื้อ #${first.display_id}`)
    expect(th.text).toContain(`คำสั่งซื้อ #${second.display_id}`)
    expect(th.text).toMatch(/2 ชิ้น[\s\S]*1 ชิ้น/)
    expect(new Set(links(th).filter((l) => l.startsWith(`${app.storefrontUrl}/order/`)))).toEqual(
      new Set([first.id, second.id].map((id) => links(th).find((l) => l.startsWith(`${app.storefrontUrl}/order/${id}/confirmed?`))))
    )
    // The English buyer, in English, for the one unit of the batch in their order.
    const en = await waitForMail("recall-en@example.com", "recall-notice")
    expect(en.subject).toBe(`Recall notice: lot ${recalled.lot_number}`)
    expect(en.text).toContain(`Order #${mixed.display_id}`)
    expect(en.text).toContain("1 unit")
    expect(en.text).toContain("stop using")
    expect(links(en).some((l) => l.startsWith(`${app.storefrontUrl}/en/order/${mixed.id}/confirmed?`))).toBe(true)
    // Nothing of the households behind the batch.
    for (const m of [th, en]) {
      expect(`${m.text}${m.html}`).not.toContain("MM-H-771")
      expect(`${m.text}${m.html}`).not.toContain("สวนทดสอบ 771")
    }

    // Pressing "tell the buyers again" (a lost event) sends nothing new: once per buyer and batch.
    expect(await api.ok("POST", `/admin/batches/${recalled.id}/recall-notices`, {})).toEqual({ buyers: 2 })
    const refused = await api.call("POST", `/admin/batches/${kept.id}/recall-notices`, {})
    expect(refused.status).toBe(400)
    expect(refused.body.code).toBe("NOT_RECALLED")
    await new Promise((r) => setTimeout(r, 1500))
    const notices = inbox.filter((m) => m.mail.headers.get("x-mae-mok-template") === "recall-notice")
    expect(notices.map((m) => m.rcpt.join().toLowerCase()).sort()).toEqual(["recall-en@example.com", "recall-twice@example.com"])
    expect(mailsTo("recall-other-batch@example.com", "recall-notice")).toHaveLength(0)
    expect(mailsTo("recall-unpacked@example.com", "recall-notice")).toHaveLength(0)
    expect(unpacked.id).toBeTruthy()
  })
})

describe("password reset through the shop's own page", () => {
  const email = "reset-me@example.com"

  async function register(password: string) {
    const reg = await fetch(`${app.medusaUrl}/auth/customer/emailpass/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    })
    const { token } = await reg.json()
    const created = await fetch(`${app.medusaUrl}/store/customers`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-publishable-api-key": app.publishableKey },
      body: JSON.stringify({ email, first_name: "Reset", last_name: "Me" }),
    })
    expect(created.status).toBe(200)
  }

  async function loginStatus(password: string) {
    const res = await fetch(`${app.medusaUrl}/auth/customer/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    })
    return res.status
  }

  async function submitNewPassword(page: Page, link: string, password: string) {
    await page.goto(link)
    await page.locator('input[name="password"]').fill(password)
    await page.locator('button[type="submit"]').click()
  }

  it("mails an English link that sets the new password once, then is refused", async () => {
    await register("first-long-password-1")
    const page = await browser.newPage()
    await page.goto(`${app.storefrontUrl}/en/account/forgot-password`)
    await page.locator('input[name="email"]').fill(email)
    await page.locator('button[type="submit"]').click()
    await page.getByTestId("reset-sent").waitFor()

    const mail = await waitForMail(email, "password-reset")
    expect(mail.subject).toBe("Reset your password")
    expect(mail.text).toContain("15 minutes")
    const link = links(mail).find((l) => l.startsWith(`${app.storefrontUrl}/en/account/reset-password?`))
    expect(link).toBeDefined()

    await page.setViewportSize({ width: 390, height: 800 })
    await page.goto(link!)
    await page.screenshot({ path: path.join(os.tmpdir(), "maemok-reset-390.png"), fullPage: true })
    await submitNewPassword(page, link!, "second-long-password-2")
    await page.getByTestId("reset-done").waitFor()
    expect(await loginStatus("second-long-password-2")).toBe(200)
    expect(await loginStatus("first-long-password-1")).toBe(401)

    // The same link again: refused, and the password stays.
    await submitNewPassword(page, link!, "third-long-password-3")
    await page.getByTestId("reset-refused").waitFor()
    expect(await loginStatus("third-long-password-3")).toBe(401)
    expect(await loginStatus("second-long-password-2")).toBe(200)
    expect(mailsTo(email, "password-reset")).toHaveLength(1)
    await page.close()
  })

  it("sends nothing for an e-mail without an account, and says the same", async () => {
    const page = await browser.newPage()
    await page.goto(`${app.storefrontUrl}/account/forgot-password`)
    await page.locator('input[name="email"]').fill("nobody-here@example.com")
    await page.locator('button[type="submit"]').click()
    await page.getByTestId("reset-sent").waitFor()
    await new Promise((r) => setTimeout(r, 1500))
    expect(mailsTo("nobody-here@example.com")).toHaveLength(0)
    await page.close()
  })
})

describe("e-mail verification on registration", () => {
  it("mails a single-use link that verifies the account in Chromium; resends are throttled; nobody verifies themselves", async () => {
    const email = "verify-me@example.com"
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(`${app.storefrontUrl}/account/register`)
    await page.locator('input[name="first_name"]').fill("มานี")
    await page.locator('input[name="last_name"]').fill("มีใจ")
    await page.locator('input[name="email"]').fill(email)
    await page.locator('input[name="password"]').fill("verify-long-password-1")
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === "/account")
    // Unverified: the account works (decision 0053) and the page asks to verify.
    await page.getByTestId("email-unverified").waitFor()

    const first = await waitForMail(email, "email-verification")
    expect(first.subject).toBe("ยืนยันอีเมลของคุณ")
    expect(String(first.html)).toContain("48 ชั่วโมง")
    const firstLink = links(first).find((l) => l.startsWith(`${app.storefrontUrl}/account/verify-email?token=`))
    expect(firstLink).toBeDefined()

    // A new link on request, then the throttle.
    await page.getByRole("button", { name: "ส่งลิงก์อีกครั้ง" }).click()
    await page.getByTestId("verify-resent").waitFor()
    await page.getByRole("button", { name: "ส่งลิงก์อีกครั้ง" }).click()
    await page.getByTestId("verify-too-many").waitFor()
    await expect.poll(() => mailsTo(email, "email-verification").length, { timeout: 30_000 }).toBe(2)
    const newest = mailsTo(email, "email-verification")[1]!.mail
    const link = links(newest).find((l) => l.includes("/account/verify-email?token="))!
    expect(link).not.toBe(firstLink)

    // A customer cannot call their own address verified through Medusa's customer API.
    const token = await client.call("POST", "/auth/customer/emailpass", { email, password: "verify-long-password-1" })
    const forged = await client.call("POST", "/store/customers/me", { metadata: { email_verified_at: "2026-01-01" } }, token.body.token, { "x-publishable-api-key": app.publishableKey })
    expect(forged.status).toBe(400)
    expect(forged.body.code).toBe("RESERVED_METADATA")

    // The replaced link is refused; opening the newest shows a button (mail scanners only open links) that verifies.
    await page.goto(firstLink!)
    await page.getByRole("button", { name: "ยืนยันอีเมล" }).click()
    await page.getByTestId("verify-refused").waitFor()
    await page.goto(link)
    await page.screenshot({ path: path.join(os.tmpdir(), "maemok-verify-390.png"), fullPage: true })
    await page.getByRole("button", { name: "ยืนยันอีเมล" }).click()
    await page.getByTestId("verify-done").waitFor()
    await page.goto(`${app.storefrontUrl}/account`)
    await page.getByTestId("email-verified").waitFor()
    await page.screenshot({ path: path.join(os.tmpdir(), "maemok-verified-account-390.png"), fullPage: true })
    // The same link a second time: refused.
    await page.goto(link)
    await page.getByRole("button", { name: "ยืนยันอีเมล" }).click()
    await page.getByTestId("verify-refused").waitFor()
    expect(mailsTo(email, "email-verification")).toHaveLength(2)
    await context.close()
  })
})

describe("transfer slip", () => {
  /** A small real PNG (pngjs), different per seed. */
  function png(seed: number): Buffer {
    const image = new PNG({ width: 40, height: 60 })
    for (let i = 0; i < image.data.length; i += 4) image.data.set([(i * seed) & 255, 120, 60, 255], i)
    return PNG.sync.write(image)
  }
  const slipPost = (orderId: string, body: Buffer, headers: Record<string, string>) =>
    fetch(`${app.medusaUrl}/store/orders/${orderId}/transfer-slip`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", "x-publishable-api-key": app.publishableKey, ...headers },
      body: new Uint8Array(body),
    })

  it("takes the buyer's slip from the order page (no JS needed), checks type, size and owner, and shows it only in the admin", async () => {
    const order = await placeBankTransferOrder("slip@example.com", "th", "bank_transfer", "10.88.3.1")
    const mail = await waitForMail("slip@example.com", "order-placed")
    const orderLink = links(mail).find((l) => l.includes(`/order/${order.id}/confirmed`))!
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maemok-slip-"))
    const good = png(7)
    fs.writeFileSync(path.join(dir, "slip.png"), good)
    fs.writeFileSync(path.join(dir, "not-a-slip.png"), "%PDF-1.4 this is no image")
    fs.writeFileSync(path.join(dir, "huge.jpg"), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(6 * 1024 * 1024)]))

    // In Chromium without JavaScript: the plain multipart form.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false })
    const page = await context.newPage()
    const send = async (file: string) => {
      await page.goto(orderLink)
      await page.locator('input[name="slip"]').setInputFiles(path.join(dir, file))
      await page.getByRole("button", { name: "ส่งสลิป" }).click()
      // The answer streams: read it once it has all arrived, not from the first chunk.
      await page.waitForLoadState("load")
    }
    await send("not-a-slip.png")
    expect(await page.getByTestId("slip-refused").textContent()).toContain("ไม่ใช่ภาพ")
    await send("huge.jpg")
    expect(await page.getByTestId("slip-refused").textContent()).toContain("5 MB")
    await send("slip.png")
    await page.getByTestId("slip-received").waitFor()
    await page.screenshot({ path: path.join(os.tmpdir(), "maemok-slip-390.png"), fullPage: true })
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.screenshot({ path: path.join(os.tmpdir(), "maemok-slip-1280.png"), fullPage: true })
    await context.close()

    // The backend's own checks, as the storefront calls it.
    const storefront = buyerAt(app, "10.88.3.2")
    const pdf = await slipPost(order.id, Buffer.from("%PDF-1.4 not an image"), storefront)
    expect(pdf.status).toBe(415)
    expect((await pdf.json()).code).toBe("SLIP_NOT_AN_IMAGE")
    const big = await slipPost(order.id, Buffer.concat([good, Buffer.alloc(5 * 1024 * 1024)]), storefront)
    expect(big.status).toBe(413)
    expect((await big.json()).code).toBe("SLIP_TOO_LARGE")
    // Nobody else's order: no login → 401; another customer → 404; a cash-on-delivery order takes no slip.
    expect((await slipPost(order.id, good, {})).status).toBe(401)
    const registered = await client.call("POST", "/auth/customer/emailpass/register", { email: "slip-other@example.com", password: "other-long-password-1" })
    const created = await client.call("POST", "/store/customers", { email: "slip-other@example.com" }, registered.body.token, { "x-publishable-api-key": app.publishableKey })
    expect(created.status).toBe(200)
    const other = (await client.call("POST", "/auth/customer/emailpass", { email: "slip-other@example.com", password: "other-long-password-1" })).body.token
    expect((await slipPost(order.id, good, { authorization: `Bearer ${other}` })).status).toBe(404)
    const stranger = await fetch(`${app.storefrontUrl}/order/${order.id}/confirmed`, { method: "POST", body: new FormData() })
    expect(stranger.status).toBe(404)
    const cod = await placeBankTransferOrder("slip-cod@example.com", "th", "cod", "10.88.3.3")
    const codSlip = await slipPost(cod.id, good, storefront)
    expect(codSlip.status).toBe(400)
    expect((await codSlip.json()).code).toBe("NOT_BANK_TRANSFER")

    // The group sees exactly the uploaded image, through the admin only.
    const { body: listed } = await admin("GET", `/admin/orders/${order.id}/transfer-slips`)
    expect(listed.slips).toHaveLength(1)
    expect(listed.slips[0]).toMatchObject({ content_type: "image/png", size: good.length })
    const imagePath = `/admin/orders/${order.id}/transfer-slips/${listed.slips[0].file}`
    const token = await client.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD)
    const image = await fetch(`${app.medusaUrl}${imagePath}`, { headers: { authorization: `Bearer ${token}` } })
    expect(image.status).toBe(200)
    expect(image.headers.get("content-type")).toBe("image/png")
    expect(Buffer.from(await image.arrayBuffer()).equals(good)).toBe(true)
    expect((await fetch(`${app.medusaUrl}${imagePath}`)).status).toBe(401)
    expect((await fetch(`${app.medusaUrl}/admin/orders/${order.id}/transfer-slips`)).status).toBe(401)
    expect((await fetch(`${app.medusaUrl}${imagePath}`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(401)
    expect((await fetch(`${app.medusaUrl}/static/${listed.slips[0].file}`)).status).toBe(404)

    // … and on the order's page in the admin.
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "th-TH" })
    const adminPage = await adminContext.newPage()
    await logIntoAdmin(adminPage, app.medusaUrl)
    await adminPage.goto(`${app.medusaUrl}/app/orders/${order.id}`)
    const shown = adminPage.getByTestId("transfer-slips").locator("img")
    await shown.waitFor({ timeout: 30_000 })
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(40)
    await adminPage.getByTestId("transfer-slips").screenshot({ path: path.join(os.tmpdir(), "maemok-slip-admin.png") })
    await adminContext.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe("outbox on a default start (no SMTP settings)", () => {
  let plain: TestApp
  let outboxDir: string

  beforeAll(async () => {
    outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), "maemok-outbox-"))
    plain = await startTestApp({ env: { MAIL_OUTBOX_DIR: outboxDir } })
  })

  afterAll(async () => {
    await plain?.stop()
    fs.rmSync(outboxDir, { recursive: true, force: true })
  })

  it("keeps the order mail as .eml and shows it in the admin's อีเมลที่ส่ง", async () => {
    const plainClient = storeClient(plain)
    const { cart } = await plainClient.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 1 }], "outbox-buyer@example.com")
    await plainClient.startPayment(cart.id, "pp_system_default")
    const completed = await plainClient.call("POST", `/store/carts/${cart.id}/complete`)
    const order = completed.body.order
    await expect.poll(() => fs.readdirSync(outboxDir).filter((f) => f.endsWith(".eml")).length, { timeout: 30_000, interval: 200 }).toBe(2)
    const file = fs.readdirSync(outboxDir).find((f) => f.includes("order-placed"))!
    expect((fs.statSync(path.join(outboxDir, file)).mode & 0o777).toString(8)).toBe("600")
    const parsed = await simpleParser(fs.readFileSync(path.join(outboxDir, file)))
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : "").toBe("outbox-buyer@example.com")
    // Without bank settings the buyer is told how the account number comes instead.
    expect(parsed.text).toContain("กลุ่มจะแจ้งเลขบัญชี")

    // Not for anyone but the admin.
    expect((await fetch(`${plain.medusaUrl}/admin/mail/outbox`)).status).toBe(401)

    const context = await thaiAdminContext(browser)
    const page = await context.newPage()
    await page.goto(`${plain.medusaUrl}/app/login`)
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))
    await page.getByRole("link", { name: "อีเมลที่ส่ง" }).first().click()
    await page.getByTestId("outbox-list").waitFor({ timeout: 20_000 })
    await page.getByText(`ได้รับคำสั่งซื้อ #${order.display_id} แล้ว`).click()
    const frame = page.frameLocator('[data-testid="outbox-message"]')
    await expect.poll(() => frame.locator("body").textContent({ timeout: 20_000 })).toContain("฿219.00")
    await page.screenshot({ path: path.join(os.tmpdir(), "maemok-outbox-admin.png") })
    await context.close()
  })
})
