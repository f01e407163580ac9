import jsQR from "jsqr"
import { PNG } from "pngjs"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { storeClient } from "../support/payment-cart"
import { launchChromium } from "./browser"
import { checkoutToPaymentStep, next } from "./payment-checkout"
import { openSection } from "./shop-flows"

// The payment step and the order page in Chromium with no Stripe key configured: bank transfer and the
// native PromptPay QR, on a 360 px phone, and never a request to Stripe.

let app: TestApp
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  app = await startTestApp({ storefront: true, env: { PROMPTPAY_ID: "0812345678" } })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe("payment step in Chromium without Stripe", () => {
  it("offers bank transfer and PromptPay, then shows the PromptPay QR for the exact total on the order page", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "th-TH" })
    const stripeRequests: string[] = []
    page.on("request", (req) => {
      if (/stripe\.com/.test(req.url())) stripeRequests.push(req.url())
    })
    await checkoutToPaymentStep(page, app.storefrontUrl)

    const radios = page.getByRole("radio")
    // Bank transfer and cash on delivery (two choices of Medusa's manual provider), and PromptPay.
    await expect.poll(() => radios.count()).toBe(3)
    await expect(page.getByRole("radio", { name: /โอนเงินเข้าบัญชี/ }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole("radio", { name: /เก็บเงินปลายทาง/ }).isVisible()).resolves.toBe(true)
    await page.getByRole("radio", { name: /พร้อมเพย์ \(สแกน QR\)/ }).check()
    await next(page)
    await openSection(page, "ตรวจสอบคำสั่งซื้อ").waitFor()
    await expect(page.getByText("พร้อมเพย์ (สแกน QR)").isVisible()).resolves.toBe(true)
    await page.getByRole("button", { name: "ยืนยันคำสั่งซื้อ" }).click()
    await page.getByRole("heading", { level: 1, name: "ขอบคุณสำหรับคำสั่งซื้อ" }).waitFor()

    const state = page.getByTestId("payment-state")
    await expect(state.getAttribute("data-state")).resolves.toBe("awaiting")
    await expect(page.getByRole("heading", { name: "วิธีชำระเงิน: รอชำระเงิน" }).isVisible()).resolves.toBe(true)
    await expect(page.getByText("สแกนเพื่อชำระ ฿378 ด้วยพร้อมเพย์ (บัญชี xxxxxx5678)").isVisible()).resolves.toBe(true)

    // The QR on the page is the PromptPay payload for ฿378 to the group's number.
    const qr = page.getByRole("img", { name: /QR พร้อมเพย์ยอด/ })
    const src = (await qr.getAttribute("src"))!
    const png = PNG.sync.read(Buffer.from(src.split(",")[1], "base64"))
    const payload = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
    expect(payload).toContain("0066812345678")
    expect(payload).toContain("5406378.00")
    expect(await qr.evaluate((img: HTMLImageElement) => img.getBoundingClientRect().right <= window.innerWidth)).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)

    // A group member confirms the transfer in the admin; the customer sees it on reload.
    const client = storeClient(app)
    const token = await client.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD)
    const orderId = new URL(page.url()).pathname.split("/")[2]
    const { body } = await client.call("GET", `/admin/orders/${orderId}?fields=*payment_collections.payments`, undefined, token)
    const paymentId = body.order.payment_collections[0].payments[0].id
    expect((await client.call("POST", `/admin/payments/${paymentId}/capture`, {}, token)).status).toBe(200)
    await page.reload()
    await expect(page.getByTestId("payment-state").getAttribute("data-state")).resolves.toBe("paid")
    await expect(page.getByRole("heading", { name: "วิธีชำระเงิน: ชำระเงินแล้ว" }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole("img", { name: /QR พร้อมเพย์ยอด/ }).count()).resolves.toBe(0)

    expect(stripeRequests).toEqual([])
    await page.close()
  })
})
