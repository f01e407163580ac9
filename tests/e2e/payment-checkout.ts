import type { Page } from "playwright-core"
import { openSection } from "./shop-flows"

// The checkout steps before payment, as a shopper does them in Chromium (with JavaScript).

export const next = (page: Page) => page.getByRole("button", { name: "ดำเนินการต่อ" }).click()

/** A shopper with two bottles of oil 30 ml, e-mail, a Lampang address and EMS, at the payment step. */
export async function checkoutToPaymentStep(page: Page, storefrontUrl: string) {
  await page.goto(storefrontUrl + "/products")
  await page.getByRole("link", { name: /น้ำมันนวดสมุนไพรหมอกไพร/ }).click()
  await page.getByRole("radio", { name: /30 มล\./ }).check()
  await page.getByRole("spinbutton", { name: "จำนวน" }).fill("2")
  await page.getByRole("button", { name: "ใส่ตะกร้า" }).click()
  await page.getByRole("heading", { level: 1, name: "ตะกร้าสินค้า" }).waitFor()
  await page.goto(storefrontUrl + "/checkout")
  await page.getByLabel("อีเมล").fill("somjai@example.com")
  await next(page)
  await page.getByLabel("ชื่อ", { exact: true }).fill("สมใจ")
  await page.getByLabel("นามสกุล").fill("ใจดี")
  await page.getByLabel("เบอร์โทรศัพท์").fill("0812345678")
  await page.getByLabel("บ้านเลขที่ ถนน ซอย หมู่บ้าน").fill("99 หมู่ 3")
  await page.getByLabel("จังหวัด").selectOption("ลำปาง")
  await page.getByLabel("อำเภอ / เขต").selectOption("เถิน")
  await page.getByLabel("ตำบล / แขวง").selectOption("แม่มอก")
  await page.waitForFunction(() => (document.getElementById("f-postal_code") as HTMLInputElement | null)?.value === "52160")
  await next(page)
  await page.getByRole("radio", { name: /ไปรษณีย์ไทย EMS/ }).check()
  await next(page)
  await openSection(page, "วิธีชำระเงิน").waitFor()
}
