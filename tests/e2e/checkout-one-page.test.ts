import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Page, Route } from "playwright-core"
import { describe, expect, it } from "vitest"
import { addOilToCart, chooseShippingAndPayment, chooseThaiAddress, enterEmail, fillContact, openSection, placeOrder } from "./shop-flows"
import { browserSuite } from "./suite"

// Issue 15 (shoppers): the checkout is one page of collapsible sections, and a slow phone keeps what the shopper
// typed before the page's scripts ran. Screenshots of the page at 390 and 1280 px go to SCREENSHOT_DIR (or a
// temporary folder named in the test output) for a reviewer to look at.

const suite = browserSuite()
const shots = process.env.SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "maemok-checkout-"))
const phone390 = { viewport: { width: 390, height: 844 }, locale: "th-TH" }
const desktop = { viewport: { width: 1280, height: 900 }, locale: "th-TH" }

const SECTIONS = ["อีเมล", "ที่อยู่จัดส่ง", "วิธีจัดส่ง", "วิธีชำระเงิน", "ตรวจสอบคำสั่งซื้อ"]

async function shot(page: Page, name: string) {
  const file = path.join(shots, name)
  await page.screenshot({ path: file, fullPage: true })
  console.log(`screenshot: ${file}`)
}

describe("one-page checkout in Chromium", () => {
  for (const [size, device] of [["390", phone390], ["1280", desktop]] as const) {
    it(`${size} px: the five sections on one page, one open at a time; done ones closed to a line with an edit link`, async () => {
      const context = await suite.browser.newContext(device)
      const page = await context.newPage()
      await addOilToCart(page, suite.app.storefrontUrl)
      await page.getByRole("link", { name: "ไปชำระเงิน" }).click()
      await openSection(page, "อีเมล").waitFor()
      for (const name of SECTIONS) await expect(page.getByRole("heading", { level: 2, name }).isVisible(), name).resolves.toBe(true)
      // Only the open section has a form (and so one "continue").
      await expect(page.locator("main form").count()).resolves.toBe(1)
      await shot(page, `checkout-email-${size}.png`)

      await enterEmail(page, `one-page-${size}@example.com`)
      await openSection(page, "ที่อยู่จัดส่ง").waitFor()
      await page.getByRole("link", { name: "แก้ไข อีเมล" }).waitFor()
      await expect(page.getByText(`one-page-${size}@example.com`).isVisible()).resolves.toBe(true)
      await fillContact(page)
      await chooseThaiAddress(page)
      await shot(page, `checkout-address-${size}.png`)
      await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
      await openSection(page, "วิธีจัดส่ง").waitFor()
      await chooseShippingAndPayment(page)
      await openSection(page, "ตรวจสอบคำสั่งซื้อ").waitFor()
      // Every section before the last is closed to what was chosen.
      for (const line of [`one-page-${size}@example.com`, "99 หมู่ 3, ต.แม่มอก อ.เถิน จ.ลำปาง 52160", "ไปรษณีย์ไทย EMS", "โอนเงินเข้าบัญชี"]) {
        await expect(page.locator(".section-summary").getByText(line, { exact: false }).isVisible(), line).resolves.toBe(true)
      }
      await expect(page.getByRole("button", { name: "ดำเนินการต่อ" }).count()).resolves.toBe(0)
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
      await shot(page, `checkout-review-${size}.png`)

      // Editing one section opens it alone, filled in; saving it comes straight back to the review (nothing else changed).
      await page.getByRole("link", { name: "แก้ไข อีเมล" }).click()
      await openSection(page, "อีเมล").waitFor()
      await expect(page.getByLabel("อีเมล").inputValue()).resolves.toBe(`one-page-${size}@example.com`)
      await expect(page.locator("main form").count()).resolves.toBe(1)
      await page.getByLabel("อีเมล").fill("not-an-email")
      await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
      await page.getByText("รูปแบบอีเมลไม่ถูกต้อง").waitFor()
      await page.getByLabel("อีเมล").fill(`changed-${size}@example.com`)
      await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
      await openSection(page, "ตรวจสอบคำสั่งซื้อ").waitFor()
      await expect(page.getByText(`changed-${size}@example.com`).isVisible()).resolves.toBe(true)
      await placeOrder(page)
      await context.close()
    })
  }

  it("without JavaScript: an edit link opens that section, and the order is placed from the same page", async () => {
    const context = await suite.browser.newContext({ ...phone390, javaScriptEnabled: false })
    const page = await context.newPage()
    await addOilToCart(page, suite.app.storefrontUrl)
    await page.getByRole("link", { name: "ไปชำระเงิน" }).click()
    await enterEmail(page, "one-page-nojs@example.com")
    await openSection(page, "ที่อยู่จัดส่ง").waitFor()
    await fillContact(page)
    await page.getByLabel("จังหวัด").selectOption("ลำปาง")
    await page.getByLabel("อำเภอ / เขต").fill("เถิน")
    await page.getByLabel("ตำบล / แขวง").fill("แม่มอก")
    await page.getByLabel("รหัสไปรษณีย์").fill("52160")
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
    await openSection(page, "วิธีจัดส่ง").waitFor()
    await chooseShippingAndPayment(page)
    await openSection(page, "ตรวจสอบคำสั่งซื้อ").waitFor()
    await page.getByRole("link", { name: "แก้ไข วิธีจัดส่ง" }).click()
    await openSection(page, "วิธีจัดส่ง").waitFor()
    await expect(page.getByRole("radio", { name: /ไปรษณีย์ไทย EMS/ }).isChecked()).resolves.toBe(true)
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
    await openSection(page, "ตรวจสอบคำสั่งซื้อ").waitFor()
    await placeOrder(page)
    await context.close()
  })
})

/** Holds the page's scripts back until release() (a slow phone on a slow network). */
async function holdScripts(page: Page) {
  const held: Route[] = []
  let released = false
  await page.route(
    (url) => url.pathname.endsWith(".js"),
    (route) => (released ? route.continue() : void held.push(route))
  )
  return {
    held,
    release: async () => {
      released = true
      await Promise.all(held.splice(0).map((r) => r.continue()))
    },
  }
}

/** A shopper with oil in the cart and the e-mail given: the checkout opens at the address. */
async function atAddress(page: Page, email: string) {
  await addOilToCart(page, suite.app.storefrontUrl)
  await page.goto(suite.app.storefrontUrl + "/checkout")
  await enterEmail(page, email)
  await openSection(page, "ที่อยู่จัดส่ง").waitFor()
}

const value = (page: Page, id: string) => page.locator(`#${id}`).evaluate((el) => (el as HTMLInputElement | HTMLSelectElement).value)
const tag = (page: Page, id: string) => page.locator(`#${id}`).evaluate((el) => el.tagName)

describe("a slow phone keeps the address typed before the scripts ran", () => {
  it("province chosen, amphoe, tambon and postcode typed: after the scripts load they are all still there, as lists", async () => {
    const context = await suite.browser.newContext(phone390)
    await atAddress(await context.newPage(), "slow-phone@example.com")

    const page = await context.newPage()
    const scripts = await holdScripts(page)
    await page.goto(suite.app.storefrontUrl + "/checkout", { waitUntil: "commit" })
    await page.locator("#f-first_name").waitFor()
    await fillContact(page)
    await page.getByLabel("จังหวัด").selectOption("ลำปาง")
    await page.getByLabel("อำเภอ / เขต").fill("เถิน")
    await page.getByLabel("ตำบล / แขวง").fill("แม่มอก")
    await page.getByLabel("รหัสไปรษณีย์").fill("52160")
    // The scripts really were held: nothing ran yet, amphoe is still a text box.
    expect(scripts.held.length).toBeGreaterThan(0)
    await expect(tag(page, "f-district")).resolves.toBe("INPUT")

    await scripts.release()
    // Hydrated: amphoe and tambon became lists, with what was typed chosen.
    await page.waitForFunction(() => document.getElementById("f-district")?.tagName === "SELECT" && document.getElementById("f-sub_district")?.tagName === "SELECT")
    await expect(value(page, "f-first_name")).resolves.toBe("สมใจ")
    await expect(value(page, "f-phone")).resolves.toBe("0812345678")
    await expect(value(page, "f-province")).resolves.toBe("ลำปาง")
    await expect(value(page, "f-district")).resolves.toBe("เถิน")
    await expect(value(page, "f-sub_district")).resolves.toBe("แม่มอก")
    await expect(value(page, "f-postal_code")).resolves.toBe("52160")
    await shot(page, "checkout-slow-phone-hydrated-390.png")
    // The address is saved as typed.
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click()
    await openSection(page, "วิธีจัดส่ง").waitFor()
    await page.getByText("99 หมู่ 3, ต.แม่มอก อ.เถิน จ.ลำปาง 52160").waitFor()
    await context.close()
  })

  it("an amphoe typed in English becomes the Thai one; a misspelt one stays as typed, in its text box", async () => {
    const context = await suite.browser.newContext(phone390)
    await atAddress(await context.newPage(), "slow-phone-2@example.com")

    const english = await context.newPage()
    let scripts = await holdScripts(english)
    await english.goto(suite.app.storefrontUrl + "/checkout", { waitUntil: "commit" })
    await english.getByLabel("จังหวัด").selectOption("ลำปาง")
    await english.getByLabel("อำเภอ / เขต").fill("Thoen")
    await scripts.release()
    await english.waitForFunction(() => document.getElementById("f-district")?.tagName === "SELECT")
    await expect(value(english, "f-province")).resolves.toBe("ลำปาง")
    await expect(value(english, "f-district")).resolves.toBe("เถิน")
    // The tambon list of that amphoe is there to choose from.
    await english.getByLabel("ตำบล / แขวง").selectOption("แม่มอก")

    const typo = await context.newPage()
    scripts = await holdScripts(typo)
    await typo.goto(suite.app.storefrontUrl + "/checkout", { waitUntil: "commit" })
    await typo.getByLabel("จังหวัด").selectOption("ลำปาง")
    await typo.getByLabel("อำเภอ / เขต").fill("เถินน")
    await typo.getByLabel("รหัสไปรษณีย์").fill("52160")
    // Hydrated once the page's script has asked for Lampang's amphoe list (to look the typed name up).
    const lookedUp = typo.waitForResponse((r) => r.url().includes("/api/thai-address"))
    await scripts.release()
    await lookedUp
    await typo.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)))
    await expect(tag(typo, "f-district")).resolves.toBe("INPUT")
    await expect(value(typo, "f-district")).resolves.toBe("เถินน")
    await expect(value(typo, "f-province")).resolves.toBe("ลำปาง")
    await expect(value(typo, "f-postal_code")).resolves.toBe("52160")
    await context.close()
  })
})
