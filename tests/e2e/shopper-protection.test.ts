import type { Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"
import { checkoutAs, registerAs } from "../support/storefront-shopper"
import { Visitor } from "../support/storefront-visitor"
import { browserSuite, phone } from "./suite"

// What a shopper sees of the protections of issue 10 in Chromium: the login throttle's message in Thai and English
// (decision 0024), and "not found" for another customer's order (decision 0025).

const suite = browserSuite()
const run = Date.now().toString(36)

async function logIn(page: Page, email: string, password: string, path = "/account/login") {
  await page.goto(suite.app.storefrontUrl + path)
  await page.getByLabel(path.startsWith("/en") ? "E-mail" : "อีเมล").fill(email)
  await page.getByLabel(path.startsWith("/en") ? "Password" : "รหัสผ่าน").fill(password)
  await page.getByRole("button", { name: path.startsWith("/en") ? "Log in" : "เข้าสู่ระบบ" }).click()
}

describe("shopper protections in Chromium", () => {
  let ownerOrder: string

  beforeAll(async () => {
    // Another customer's order, placed over HTTP.
    const owner = new Visitor(suite.app.storefrontUrl)
    expect((await registerAs(owner, `owner-${run}@example.com`, "owner-password-123")).status).toBe(302)
    ownerOrder = await checkoutAs(owner, `owner-${run}@example.com`)
  })

  it("after ten wrong passwords the login page says to wait, in Thai; the right password waits too, and in English", async () => {
    const email = `locked-${run}@example.com`
    expect((await registerAs(new Visitor(suite.app.storefrontUrl), email, "locked-password-123")).status).toBe(302)
    const context = await suite.browser.newContext(phone)
    const page = await context.newPage()
    for (let i = 0; i < 10; i++) {
      await logIn(page, email, `wrong-password-${i}`)
      await page.getByRole("alert").getByText("อีเมลหรือรหัสผ่านไม่ถูกต้อง").waitFor()
    }
    await logIn(page, email, "locked-password-123")
    await page.getByRole("alert").getByText(/มีการพยายามเข้าสู่ระบบมากเกินไป เพื่อความปลอดภัยของบัญชี โปรดลองใหม่ในอีก 1[45] นาที/).waitFor()
    expect(new URL(page.url()).pathname).toBe("/account/login")
    await page.goto(suite.app.storefrontUrl + "/account")
    expect(new URL(page.url()).pathname, "not logged in").toBe("/account/login")

    // JavaScript off, English: the same refusal as a whole page.
    const english = await suite.browser.newContext({ ...phone, locale: "en-GB", javaScriptEnabled: false })
    const pageEn = await english.newPage()
    await logIn(pageEn, email, "locked-password-123", "/en/account/login")
    await pageEn.getByRole("alert").getByText(/Too many login attempts\. To keep the account safe, please try again in 1[45] minutes\./).waitFor()
    await english.close()
    await context.close()
  })

  it("another customer opening an order's page sees 'not found' and none of its details", async () => {
    const context = await suite.browser.newContext(phone)
    const page = await context.newPage()
    await page.goto(suite.app.storefrontUrl + "/account/register")
    await page.getByLabel("ชื่อ", { exact: true }).fill("คนอื่น")
    await page.getByLabel("นามสกุล").fill("ทดสอบ")
    await page.getByLabel("อีเมล").fill(`stranger-${run}@example.com`)
    await page.getByLabel("รหัสผ่าน").fill("stranger-password-123")
    await page.getByRole("button", { name: "สมัครสมาชิก" }).click()
    await page.getByRole("heading", { level: 1, name: "บัญชีของฉัน" }).waitFor()
    await page.getByText("ยังไม่มีคำสั่งซื้อ").waitFor()

    for (const path of [`/account/orders/${ownerOrder}`, `/order/${ownerOrder}/confirmed`]) {
      const response = await page.goto(suite.app.storefrontUrl + path)
      expect(response!.status(), path).toBe(404)
      await page.getByRole("heading", { level: 1, name: "ไม่พบหน้าที่ต้องการ" }).waitFor()
      const text = await page.locator("body").innerText()
      expect(text).not.toMatch(/สมหญิง|ใจงามยิ่ง|0891234567|12 หมู่ 5|owner-/)
    }
    // A made-up address in the same place is a plain "not valid" page.
    const response = await page.goto(suite.app.storefrontUrl + "/account/orders/..%2F..%2Fcustomers%2Fme")
    expect(response!.status()).toBe(400)
    await page.getByRole("heading", { level: 1, name: "ลิงก์หรือข้อมูลไม่ถูกต้อง" }).waitFor()
    await context.close()
  })
})
