import { describe, expect, it } from "vitest"
import { browserSuite, phone } from "./suite"
import {
  addOilToCart,
  adminOrder,
  chooseShippingAndPayment,
  chooseThaiAddress,
  enterEmail,
  fillContact,
  placeOrder,
  openSection,
} from "./shop-flows"

const suite = browserSuite()

describe("shopping in Chromium", () => {
  it("browse → product → cart → checkout with a Thai address → order confirmation → order in the admin API", async () => {
    const context = await suite.browser.newContext(phone)
    const page = await context.newPage()
    await addOilToCart(page, suite.app.storefrontUrl, "100 มล.", "2")
    await page.getByText("฿780").first().waitFor()
    // Steppers change the quantity at once; a typed number is sent when the field is left. No separate button.
    await expect.poll(() => page.getByRole("button", { name: "ปรับจำนวน" }).isVisible()).toBe(false)
    await page.getByRole("button", { name: /^เพิ่มจำนวน น้ำมันนวด/ }).click()
    await page.getByText("฿1,170").first().waitFor()
    await page.getByRole("button", { name: /^ลดจำนวน น้ำมันนวด/ }).click()
    await page.getByText("฿780").first().waitFor()
    await page.getByRole("spinbutton", { name: /จำนวน/ }).fill("3")
    await page.getByRole("spinbutton", { name: /จำนวน/ }).blur()
    await page.getByText("฿1,170").first().waitFor()
    await page.getByRole("spinbutton", { name: /จำนวน/ }).fill("2")
    await page.getByRole("spinbutton", { name: /จำนวน/ }).press("Enter")
    await page.getByText("฿780").first().waitFor()
    await expect(page.getByRole("spinbutton", { name: /จำนวน/ }).inputValue()).resolves.toBe("2")

    // The cart survives a reload (it lives in the session cookie).
    await page.reload()
    await page.getByRole("link", { name: "น้ำมันนวดสมุนไพรหมอกไพร" }).waitFor()

    await page.getByRole("link", { name: "ไปชำระเงิน" }).click()
    await enterEmail(page, "not-an-email")
    await page.getByText("รูปแบบอีเมลไม่ถูกต้อง").waitFor()
    await enterEmail(page, "somjai@example.com")
    await openSection(page, "ที่อยู่จัดส่ง").waitFor()
    await fillContact(page)
    await chooseThaiAddress(page)
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
    await chooseShippingAndPayment(page)
    // The address written the Thai way (ต. อ. จ.), and the English way on /en pages.
    await page.getByText("99 หมู่ 3, ต.แม่มอก อ.เถิน จ.ลำปาง 52160").first().waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    const orderNumber = await placeOrder(page)
    await page.getByText("ต.แม่มอก อ.เถิน จ.ลำปาง 52160").first().waitFor()
    await page.goto(page.url().replace(suite.app.storefrontUrl, suite.app.storefrontUrl + "/en"))
    await page.getByText("99 หมู่ 3, Tambon Mae Mok, Amphoe Thoen, Lampang 52160").first().waitFor()

    const order = await adminOrder(suite.app.medusaUrl, orderNumber)
    expect(order, `order #${orderNumber} in the admin API`).toBeDefined()
    expect(order!.email).toBe("somjai@example.com")
    expect(order!.items.map((i) => [i.variant_sku, i.quantity])).toEqual([["MM-OIL-100", 2]])
    expect(order!.shipping_address).toMatchObject({ province: "ลำปาง", city: "เถิน", address_2: "แม่มอก", postal_code: "52160" })
    expect(order!.shipping_methods.map((m) => m.name)).toEqual(["ไปรษณีย์ไทย EMS"])
    expect(order!.total).toBe(780 + 60)
    expect(order!.payment_collections[0]?.payment_sessions?.map((s) => s.provider_id)).toEqual(["pp_system_default"])

    // The cart is emptied once the order is placed.
    await page.goto(suite.app.storefrontUrl + "/cart")
    await page.getByText("ตะกร้ายังว่างอยู่").waitFor()
    await context.close()
  })

  it("works with JavaScript turned off: cart changes, address errors next to the field, order placed", async () => {
    const context = await suite.browser.newContext({ ...phone, javaScriptEnabled: false })
    const page = await context.newPage()
    await addOilToCart(page, suite.app.storefrontUrl, "30 มล.", "1")

    // Change the quantity (steppers and a typed number), then add and remove a second product.
    await page.getByRole("button", { name: /^เพิ่มจำนวน น้ำมันนวด/ }).click()
    await page.getByText("฿318").first().waitFor()
    await page.getByRole("button", { name: /^เพิ่มจำนวน น้ำมันนวด/ }).click()
    await page.getByRole("button", { name: /^ลดจำนวน น้ำมันนวด/ }).click()
    await page.getByText("฿318").first().waitFor()
    await page.getByRole("spinbutton", { name: /จำนวน/ }).fill("3")
    await page.getByRole("button", { name: "ปรับจำนวน" }).click()
    await page.getByText("฿477").first().waitFor()
    await page.goto(suite.app.storefrontUrl + "/products/ceramic-herbal-compress-ball")
    await page.getByRole("button", { name: "ใส่ตะกร้า" }).click()
    await page.getByRole("button", { name: /ลบ ลูกประคบเซรามิค/ }).click()
    await page.getByRole("heading", { level: 1, name: "ตะกร้าสินค้า" }).waitFor()
    await expect(page.getByRole("link", { name: "ลูกประคบเซรามิค" }).count()).resolves.toBe(0)

    await page.getByRole("link", { name: "ไปชำระเงิน" }).click()
    await enterEmail(page, "nojs@example.com")
    await openSection(page, "ที่อยู่จัดส่ง").waitFor()
    await fillContact(page)
    // Without scripts the amphoe and tambon are typed; the server checks the whole chain.
    await page.getByLabel("จังหวัด").selectOption("ลำปาง")
    await page.getByLabel("อำเภอ / เขต").fill("เถิน")
    await page.getByLabel("ตำบล / แขวง").fill("แม่มอก")
    await page.getByLabel("รหัสไปรษณีย์").fill("10110")
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
    await page.getByText("รหัสไปรษณีย์ไม่ตรงกับตำบลที่เลือก").waitFor()
    await expect(page.getByLabel("รหัสไปรษณีย์").getAttribute("aria-invalid")).resolves.toBe("true")

    await page.getByLabel("รหัสไปรษณีย์").fill("52160")
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
    await chooseShippingAndPayment(page)
    const orderNumber = await placeOrder(page)
    const order = await adminOrder(suite.app.medusaUrl, orderNumber)
    expect(order?.email).toBe("nojs@example.com")
    expect(order?.items.map((i) => [i.variant_sku, i.quantity])).toEqual([["MM-OIL-30", 3]])
    await context.close()
  })

  it("switches to English and back on the same page, with product content in English", async () => {
    const page = await suite.browser.newPage(phone)
    await page.goto(suite.app.storefrontUrl + "/products/mok-prai-herbal-massage-oil")
    await page.getByRole("link", { name: "Switch to English" }).click()
    await page.getByRole("heading", { level: 1, name: "Mok Prai herbal massage oil" }).waitFor()
    expect(new URL(page.url()).pathname).toBe("/en/products/mok-prai-herbal-massage-oil")
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en")
    await page.getByRole("button", { name: "Add to cart" }).waitFor()
    await page.getByRole("radio", { name: /100 ml/ }).waitFor()
    await page.getByRole("link", { name: "Shop" }).click()
    await page.getByRole("heading", { level: 1, name: "All products" }).waitFor()
    expect(new URL(page.url()).pathname).toBe("/en/products")

    await page.getByRole("link", { name: "เปลี่ยนเป็นภาษาไทย" }).click()
    await page.getByRole("heading", { level: 1, name: "สินค้าทั้งหมด" }).waitFor()
    expect(new URL(page.url()).pathname).toBe("/products")
    await page.close()
  })
})
