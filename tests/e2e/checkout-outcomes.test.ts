import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe"
import { sql, storeClient } from "../support/payment-cart"
import { launchChromium } from "./browser"
import { fakeStripeJs } from "./fake-stripe-js"
import { checkoutToPaymentStep, next } from "./payment-checkout"
import { openSection } from "./shop-flows"
import { phone } from "./suite"

// Issue 10, items 10 and 15: each way an order can fail to be placed has its own message, in Thai (and
// English), and leaves the cart usable: a declined card, a payment with a step left (the PromptPay QR closed
// unpaid), stock taken by another order between the cart and "place order", and the cart's quantity limits.
// Stripe's API and js.stripe.com are faked at the network edge (tests/support/fake-stripe.ts, fake-stripe-js.ts).

let app: TestApp
let stripe: FakeStripe
let browser: Browser
let client: ReturnType<typeof storeClient>

beforeAll(async () => {
  browser = await launchChromium()
  stripe = await startFakeStripe()
  app = await startTestApp({ storefront: true, env: stripe.env })
  client = storeClient(app)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stripe?.close()
})

const placeOrder = (page: Page) => page.getByRole("button", { name: "ยืนยันคำสั่งซื้อ" }).click()
// What the page announces (role=alert): the review step's notice, or the Stripe form's own error.
const problem = (page: Page) => page.getByRole("alert").first()
const thanks = (page: Page) => page.getByRole("heading", { level: 1, name: "ขอบคุณสำหรับคำสั่งซื้อ" })

async function orderCount(): Promise<number> {
  const [row] = await sql(app, (db) => db`select count(*)::int as n from "order" where deleted_at is null`)
  return row!.n as number
}

/** The quantities on the shopper's cart page, line by line. */
async function cartLines(page: Page): Promise<string[]> {
  await page.goto(app.storefrontUrl + "/cart")
  return page.getByRole("spinbutton", { name: /จำนวน/ }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
}

/** Chooses a payment method on the payment step and goes on to the review step. */
async function choosePayment(page: Page, name: string) {
  await page.getByRole("radio", { name }).check()
  await next(page)
  await openSection(page, "ตรวจสอบคำสั่งซื้อ").waitFor()
}

describe("checkout outcomes in Chromium, each with its own message", () => {
  it("a declined card: says the payment was declined (not 'out of stock'), then another card places the order", async () => {
    const page = await browser.newPage(phone)
    let card = "pm_card_chargeDeclined"
    await fakeStripeJs(page, stripe, () => card)
    await checkoutToPaymentStep(page, app.storefrontUrl)
    await choosePayment(page, "บัตรเครดิต / เดบิต")
    await page.getByTestId("stripe-payment-element").waitFor()
    const before = await orderCount()

    await placeOrder(page)
    await problem(page).waitFor()
    await expect(problem(page).innerText()).resolves.toContain("การชำระเงินถูกปฏิเสธ")
    await expect(problem(page).innerText()).resolves.not.toContain("สินค้ามีไม่พอ")
    expect(await orderCount()).toBe(before)

    // Still on the review step with the payment form: the shopper tries another card.
    card = "pm_card_visa"
    await page.getByTestId("stripe-payment-element").waitFor()
    await placeOrder(page)
    await thanks(page).waitFor()
    expect(await orderCount()).toBe(before + 1)
    await page.close()
  })

  it("a payment with a step left (PromptPay QR closed unpaid): says so, and placing again once paid works", async () => {
    const page = await browser.newPage(phone)
    await fakeStripeJs(page, stripe)
    await checkoutToPaymentStep(page, app.storefrontUrl)
    await choosePayment(page, "พร้อมเพย์ผ่าน Stripe")
    await page.getByTestId("stripe-payment-element").waitFor()
    const before = await orderCount()

    await placeOrder(page)
    await problem(page).waitFor()
    const text = await problem(page).innerText()
    expect(text).toContain("การชำระเงินยังไม่เสร็จ")
    expect(text).not.toContain("สินค้ามีไม่พอ")
    expect(await orderCount()).toBe(before)
    const intent = [...stripe.intents.values()].find((i) => i.payment_method_types.includes("promptpay") && i.status === "requires_action")
    expect(intent).toBeDefined()

    // The shopper pays the QR in their banking app, then presses "place order" again.
    stripe.completeAction(intent!.id)
    await page.getByTestId("stripe-payment-element").waitFor()
    await placeOrder(page)
    await thanks(page).waitFor()
    expect(await orderCount()).toBe(before + 1)
    await page.close()
  })

  it("stock taken by another order before 'place order': says which item and how many are left; the cart still works", async () => {
    const admin = (method: string, path: string, body?: unknown) => client.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD).then((t) => client.call(method, path, body, t))
    const [level] = await sql(
      app,
      (db) => db`select l.inventory_item_id as item, l.location_id as location, l.reserved_quantity::int as reserved
        from inventory_level l join inventory_item i on i.id = l.inventory_item_id where i.sku = 'MM-OIL-30' and l.deleted_at is null`
    )
    // Two bottles left for sale.
    const set = await admin("POST", `/admin/inventory-items/${level!.item}/location-levels/${level!.location}`, { stocked_quantity: Number(level!.reserved) + 2 })
    expect(set.status).toBe(200)

    const page = await browser.newPage(phone)
    await checkoutToPaymentStep(page, app.storefrontUrl) // two bottles of oil 30 ml
    await choosePayment(page, "โอนเงินเข้าบัญชี")

    // Meanwhile another customer buys one of the two.
    const other = await client.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 1 }], "first@example.com")
    expect((await client.startPayment(other.cart.id, "pp_system_default")).status).toBe(200)
    expect((await client.call("POST", `/store/carts/${other.cart.id}/complete`)).body.type).toBe("order")
    const before = await orderCount()

    await placeOrder(page)
    await problem(page).waitFor()
    const text = await problem(page).innerText()
    expect(text).toContain("สินค้าบางรายการเหลือไม่พอแล้ว")
    expect(text).toContain("น้ำมันนวดสมุนไพรหมอกไพร · 30 มล.: เหลือ 1 ชิ้น")
    expect(text).not.toContain("ขออภัย ระบบขัดข้อง")
    expect(await orderCount()).toBe(before)

    // The cart is as it was; with one bottle the order goes through.
    await page.getByRole("link", { name: "แก้ไขตะกร้า" }).click()
    await page.getByRole("heading", { level: 1, name: "ตะกร้าสินค้า" }).waitFor()
    expect(await cartLines(page)).toEqual(["2"])
    await page.getByRole("spinbutton", { name: /จำนวน/ }).fill("1")
    await page.getByRole("spinbutton", { name: /จำนวน/ }).press("Enter")
    // The page comes back with one bottle's total (฿159 + ฿60 EMS is shown at checkout, not here).
    await page.waitForFunction(() => !document.body.innerText.includes("฿318"))
    await page.getByRole("link", { name: "ไปชำระเงิน" }).click()
    // A new total drops the old payment session (Medusa), so the payment method is chosen again.
    await page.getByRole("radio", { name: "โอนเงินเข้าบัญชี" }).waitFor()
    await choosePayment(page, "โอนเงินเข้าบัญชี")
    await placeOrder(page)
    await thanks(page).waitFor()
    expect(await orderCount()).toBe(before + 1)
    // The bank-transfer buyer is told how long the order waits for the money (MANUAL_PAYMENT_UNPAID_TTL_MINUTES).
    await expect(page.getByTestId("payment-state").innerText()).resolves.toContain("กรุณาโอนภายใน 72 ชั่วโมง")
    await page.close()
  })

  it("the cart's quantity limit: 11 of one product is refused in Thai and in English, the cart keeps its quantity", async () => {
    const context = await browser.newContext(phone)
    const page = await context.newPage()
    await page.goto(app.storefrontUrl + "/products")
    await page.getByRole("link", { name: /ลูกประคบเซรามิค/ }).click()
    await page.getByRole("button", { name: "ใส่ตะกร้า" }).click()
    await page.getByRole("heading", { level: 1, name: "ตะกร้าสินค้า" }).waitFor()

    await page.getByRole("spinbutton", { name: /จำนวน/ }).fill("11")
    await page.getByRole("spinbutton", { name: /จำนวน/ }).press("Enter")
    const alert = page.locator(".cart-line [role=alert]")
    await alert.waitFor()
    await expect(alert.innerText()).resolves.toBe("สั่งสินค้าแต่ละรายการได้ไม่เกิน 10 ชิ้นต่อคำสั่งซื้อ หากต้องการมากกว่านี้ กรุณาติดต่อกลุ่ม")
    expect(await cartLines(page)).toEqual(["1"])

    await page.goto(app.storefrontUrl + "/en/cart")
    await page.getByRole("spinbutton", { name: /Quantity/ }).fill("11")
    await page.getByRole("spinbutton", { name: /Quantity/ }).press("Enter")
    await alert.waitFor()
    await expect(alert.innerText()).resolves.toBe("You can order at most 10 of one product per order. For more, please contact the group.")
    // Ten is fine.
    await page.getByRole("spinbutton", { name: /Quantity/ }).fill("10")
    await page.getByRole("spinbutton", { name: /Quantity/ }).press("Enter")
    await page.getByText("฿2,500").first().waitFor()
    expect(await cartLines(page)).toEqual(["10"])
    await context.close()
  })
})
