import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { browserSuite, phone } from "./suite"
import { addOilToCart, chooseShippingAndPayment, chooseThaiAddress, fillContact, placeOrder, openSection } from "./shop-flows"

const suite = browserSuite()
const email = "kaew.customer@example.com"
const password = "maemok-secret-1"

async function logIn(page: Page, withPassword = password) {
  await page.goto(suite.app.storefrontUrl + "/account/login")
  await page.getByLabel("อีเมล").fill(email)
  await page.getByLabel("รหัสผ่าน").fill(withPassword)
  await page.getByRole("button", { name: "เข้าสู่ระบบ" }).click()
}

describe("customer accounts in Chromium", () => {
  it("register → order → log out → log in → order history and detail; saved address used at checkout", async () => {
    const context = await suite.browser.newContext(phone)
    const page = await context.newPage()
    await page.goto(suite.app.storefrontUrl + "/account/register")
    await page.getByLabel("ชื่อ", { exact: true }).fill("แก้วตา")
    await page.getByLabel("นามสกุล").fill("ทดสอบ")
    await page.getByLabel("อีเมล").fill(email)
    await page.getByLabel("รหัสผ่าน").fill("short")
    await page.getByRole("button", { name: "สมัครสมาชิก" }).click()
    await page.getByText("รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร").waitFor()
    await page.getByLabel("รหัสผ่าน").fill(password)
    await page.getByRole("button", { name: "สมัครสมาชิก" }).click()
    await page.getByRole("heading", { level: 1, name: "บัญชีของฉัน" }).waitFor()
    await page.getByText("สวัสดีคุณ แก้วตา").waitFor()
    await page.getByText("ยังไม่มีคำสั่งซื้อ").waitFor()

    // Save an address in the account, then check out with it.
    await fillContact(page)
    await chooseThaiAddress(page)
    await page.getByRole("button", { name: "บันทึกที่อยู่" }).click()
    await page.getByRole("region", { name: "ที่อยู่ที่บันทึกไว้" }).getByText("ต.แม่มอก อ.เถิน จ.ลำปาง 52160", { exact: false }).waitFor()

    await addOilToCart(page, suite.app.storefrontUrl)
    await page.getByRole("link", { name: "ไปชำระเงิน" }).click()
    // The e-mail comes from the account, so checkout opens at the address, offering the saved one.
    await openSection(page, "ที่อยู่จัดส่ง").waitFor()
    await page.getByRole("button", { name: "ใช้ที่อยู่ที่บันทึกไว้" }).click()
    await chooseShippingAndPayment(page)
    await page.getByText(email).waitFor()
    const orderNumber = await placeOrder(page)

    await page.getByRole("link", { name: "บัญชีของฉัน" }).click()
    await page.getByRole("button", { name: "ออกจากระบบ" }).click()
    await page.getByRole("link", { name: "เข้าสู่ระบบ" }).waitFor()
    await page.goto(suite.app.storefrontUrl + "/account")
    expect(new URL(page.url()).pathname).toBe("/account/login")

    await logIn(page, "wrong-password")
    await page.getByRole("alert").getByText("อีเมลหรือรหัสผ่านไม่ถูกต้อง").waitFor()
    await logIn(page)
    await page.getByRole("heading", { level: 1, name: "บัญชีของฉัน" }).waitFor()
    await page.getByRole("link", { name: `หมายเลขคำสั่งซื้อ #${orderNumber}` }).click()
    await page.getByRole("heading", { level: 1, name: `หมายเลขคำสั่งซื้อ #${orderNumber}` }).waitFor()
    await page.getByText(/น้ำมันนวดสมุนไพรหมอกไพร · 30 มล\. × 1/).waitFor()
    await page.getByText("จ.ลำปาง 52160", { exact: false }).waitFor()
    await context.close()
  })

  it("merges the cart left in the account with this browser's cart on login", async () => {
    // Browser A: logged in, leaves a compress ball in the cart, logs out.
    const a = await suite.browser.newContext(phone)
    const pageA = await a.newPage()
    await logIn(pageA)
    await pageA.getByRole("heading", { level: 1, name: "บัญชีของฉัน" }).waitFor()
    await pageA.goto(suite.app.storefrontUrl + "/products/ceramic-herbal-compress-ball")
    await pageA.getByRole("button", { name: "ใส่ตะกร้า" }).click()
    await pageA.getByRole("heading", { level: 1, name: "ตะกร้าสินค้า" }).waitFor()
    await a.close()

    // Browser B (JavaScript off): a guest adds oil, then logs in.
    const b = await suite.browser.newContext({ ...phone, javaScriptEnabled: false })
    const pageB = await b.newPage()
    await addOilToCart(pageB, suite.app.storefrontUrl)
    await logIn(pageB)
    await pageB.getByRole("heading", { level: 1, name: "บัญชีของฉัน" }).waitFor()
    await pageB.goto(suite.app.storefrontUrl + "/cart")
    await pageB.getByRole("link", { name: "น้ำมันนวดสมุนไพรหมอกไพร" }).waitFor()
    await pageB.getByRole("link", { name: "ลูกประคบเซรามิค" }).waitFor()
    await pageB.getByRole("link", { name: /ตะกร้า \(2\)/ }).waitFor()
    await b.close()
  })
})
