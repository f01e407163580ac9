import type { Page } from "playwright-core"
import { expect } from "vitest"
import { adminToken } from "../support/admin-api"

// Steps a shopper takes, written the way a person reads the page (roles and visible Thai text).

export async function addOilToCart(page: Page, baseUrl: string, size = "30 มล.", quantity = "1") {
  await page.goto(baseUrl + "/products")
  await page.getByRole("link", { name: /น้ำมันนวดสมุนไพรหมอกไพร/ }).click()
  await page.getByRole("heading", { level: 1, name: "น้ำมันนวดสมุนไพรหมอกไพร" }).waitFor()
  await page.getByRole("radio", { name: new RegExp(size) }).check()
  await page.getByRole("spinbutton", { name: "จำนวน" }).fill(quantity)
  await page.getByRole("button", { name: "ใส่ตะกร้า" }).click()
  await page.getByRole("heading", { level: 1, name: "ตะกร้าสินค้า" }).waitFor()
}

const continueButton = (page: Page) => page.getByRole("button", { name: "ดำเนินการต่อ" })

/** The checkout's open section (one page: every section's heading is always there, one is the current step). */
export const openSection = (page: Page, name: string) =>
  page.locator('section[aria-current="step"]', { has: page.getByRole("heading", { level: 2, name }) })

export async function enterEmail(page: Page, email: string) {
  await openSection(page, "อีเมล").waitFor()
  await page.getByLabel("อีเมล").fill(email)
  await continueButton(page).click()
}

export async function fillContact(page: Page) {
  await page.getByLabel("ชื่อ", { exact: true }).fill("สมใจ")
  await page.getByLabel("นามสกุล").fill("ใจดี")
  await page.getByLabel("เบอร์โทรศัพท์").fill("0812345678")
  await page.getByLabel("บ้านเลขที่ ถนน ซอย หมู่บ้าน").fill("99 หมู่ 3")
}

/** With JavaScript: province → amphoe → tambon from the lists, and the postcode fills itself. */
export async function chooseThaiAddress(page: Page) {
  // Until the page's script runs, amphoe and tambon are text boxes; the lists appear once it has.
  await page.waitForFunction(() => document.getElementById("f-district")?.tagName === "SELECT")
  await page.getByLabel("จังหวัด").selectOption("ลำปาง")
  // selectOption waits until the list is enabled and holds the option (loaded after the choice above).
  await page.getByLabel("อำเภอ / เขต").selectOption("เถิน")
  await page.getByLabel("ตำบล / แขวง").selectOption("แม่มอก")
  await page.waitForFunction(() => (document.getElementById("f-postal_code") as HTMLInputElement | null)?.value === "52160")
}

export async function chooseShippingAndPayment(page: Page) {
  await openSection(page, "วิธีจัดส่ง").waitFor()
  await page.getByRole("radio", { name: /ไปรษณีย์ไทย EMS/ }).check()
  await continueButton(page).click()
  await openSection(page, "วิธีชำระเงิน").waitFor()
  await page.getByRole("radio", { name: /โอนเงินเข้าบัญชี/ }).check()
  await continueButton(page).click()
  await openSection(page, "ตรวจสอบคำสั่งซื้อ").waitFor()
}

/** Places the order from the review step; returns the order number shown to the shopper. */
export async function placeOrder(page: Page): Promise<number> {
  await page.getByRole("button", { name: "ยืนยันคำสั่งซื้อ" }).click()
  await page.getByRole("heading", { level: 1, name: "ขอบคุณสำหรับคำสั่งซื้อ" }).waitFor()
  const text = await page.getByTestId("order-number").innerText()
  const match = /#(\d+)/.exec(text)
  if (!match) throw new Error(`no order number in "${text}"`)
  return Number(match[1])
}

export type AdminOrder = {
  id: string
  display_id: number
  email: string
  total: number
  items: { variant_sku: string | null; quantity: number }[]
  shipping_address: { province: string; city: string; address_2: string | null; postal_code: string; phone: string }
  shipping_methods: { name: string }[]
  payment_collections: { payment_sessions?: { provider_id: string }[] }[]
}

/** The order as the shop's staff see it in the admin API. */
export async function adminOrder(medusaUrl: string, displayId: number): Promise<AdminOrder | undefined> {
  const token = await adminToken(medusaUrl)
  const fields = "id,display_id,email,total,*items,*shipping_address,*shipping_methods,*payment_collections.payment_sessions"
  const res = await fetch(`${medusaUrl}/admin/orders?fields=${encodeURIComponent(fields)}&limit=50`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(200)
  const { orders } = (await res.json()) as { orders: AdminOrder[] }
  return orders.find((o) => o.display_id === displayId)
}
