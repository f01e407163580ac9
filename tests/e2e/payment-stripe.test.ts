import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../support/app"
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe"
import { sql } from "../support/payment-cart"
import { launchChromium } from "./browser"
import { fakeStripeJs } from "./fake-stripe-js"
import { checkoutToPaymentStep, next } from "./payment-checkout"
import { openSection } from "./shop-flows"

// With the Stripe keys configured (Stripe's API faked at the network edge): the payment step offers the
// card and PromptPay-through-Stripe, and the review step loads Stripe.js from js.stripe.com for the
// Payment Element. js.stripe.com is unreachable here, so the page must say so and place no order; with
// js.stripe.com faked at the network edge, the element mounts under the shop's CSP and the card pays.

let app: TestApp
let stripe: FakeStripe
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  stripe = await startFakeStripe()
  app = await startTestApp({ storefront: true, env: stripe.env })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stripe?.close()
})

describe("Stripe on the payment step in Chromium", () => {
  it("offers the card, loads Stripe.js only for it, and says so when Stripe.js cannot load", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "th-TH" })
    const stripeJs: string[] = []
    await page.route(/^https:\/\/[^/]*stripe\.com\//, (route) => {
      stripeJs.push(route.request().url())
      return route.abort("internetdisconnected")
    })
    await checkoutToPaymentStep(page, app.storefrontUrl)
    expect(stripeJs).toEqual([])

    const radios = page.getByRole("radio")
    // Bank transfer, cash on delivery, card, PromptPay through Stripe.
    await expect.poll(() => radios.count()).toBe(4)
    await expect(page.getByRole("radio", { name: "พร้อมเพย์ผ่าน Stripe" }).isVisible()).resolves.toBe(true)
    await page.getByRole("radio", { name: "บัตรเครดิต / เดบิต" }).check()
    await next(page)
    await openSection(page, "ตรวจสอบคำสั่งซื้อ").waitFor()

    // The cart has a Stripe PaymentIntent for its exact total in satang.
    const intents = [...stripe.intents.values()]
    expect(intents).toHaveLength(1)
    expect(intents[0].amount).toBe((2 * 159 + 60) * 100)
    expect(intents[0].currency).toBe("thb")

    await page.getByTestId("stripe-unavailable").waitFor()
    await expect(page.getByTestId("stripe-unavailable").innerText()).resolves.toContain("โหลดแบบฟอร์มชำระเงินของ Stripe ไม่ได้")
    expect(stripeJs.some((url) => url.startsWith("https://js.stripe.com/"))).toBe(true)
    await expect(page.getByRole("button", { name: "ยืนยันคำสั่งซื้อ" }).count()).resolves.toBe(0)
    const orders = await sql(app, (db) => db`select count(*)::int as n from "order"`)
    expect(orders[0].n).toBe(0)
    await page.close()
  })

  it("mounts the Payment Element from js.stripe.com under the shop's CSP and places the paid order", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "th-TH" })
    const stripeRequests = await fakeStripeJs(page, stripe)
    await checkoutToPaymentStep(page, app.storefrontUrl)
    await page.getByRole("radio", { name: "บัตรเครดิต / เดบิต" }).check()
    await next(page)
    // The element's frame comes from js.stripe.com (script-src and frame-src allow it only with a Stripe key).
    const frame = page.getByTestId("stripe-payment-element")
    await frame.waitFor()
    await expect(frame.getAttribute("src")).resolves.toMatch(/^https:\/\/js\.stripe\.com\//)
    await expect(page.frameLocator('[data-testid="stripe-payment-element"]').getByText("4242 4242 4242 4242").isVisible()).resolves.toBe(true)

    await page.getByRole("button", { name: "ยืนยันคำสั่งซื้อ" }).click()
    await page.getByRole("heading", { level: 1, name: "ขอบคุณสำหรับคำสั่งซื้อ" }).waitFor()
    expect(stripeRequests.some((url) => url.startsWith("https://api.stripe.com/v1/payment_intents/"))).toBe(true)
    const orders = await sql(app, (db) => db`select count(*)::int as n from "order"`)
    expect(orders[0].n).toBe(1)
    await page.close()
  })
})
