import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addDays, bangkokToday, formatThaiDate } from "@mae-mok/traceability"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { launchChromium } from "./browser"

// The group members' workspace in the built admin (/app), driven like a member would, in Thai.
let app: TestApp
let browser: Browser
let context: BrowserContext
let page: Page

// Each test file gets a fresh database; these codes only must not clash with the seed's.
const run = String(Date.now() % 10_000).padStart(4, "0")
const householdCode = `MM-H-9${run.slice(1)}`
const plotCode = `MM-P-9${run.slice(1)}`
const today = bangkokToday()

beforeAll(async () => {
  browser = await launchChromium()
  app = await startTestApp({ storefront: true })
  // A Thai browser, nothing stored: the admin starts in Thai by itself (lib/first-language.ts).
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "th-TH" })
  // The label sheet's print button calls window.print(): counted here instead of opening a dialog.
  await context.addInitScript(() => {
    window.print = () => {
      ;(window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1
    }
  })
  page = await context.newPage()
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await app?.stop()
})

/** The admin loads data after the page: wait for it (expect.poll's default 1 s is too short on a busy machine). */
function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 200 })
}

async function open(path: string) {
  await page.goto(`${app.medusaUrl}/app${path}`)
}

// Screenshots of the main screens for a reviewer, in the test output's folder.
const shots = path.join(os.tmpdir(), "admin-traceability-shots")
async function shot(name: string, p: Page = page) {
  fs.mkdirSync(shots, { recursive: true })
  await p.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
}

/** Whether an input is outlined red (@medusajs/ui's error border, rgb(225, 29, 72)). */
function isRed(locator: ReturnType<Page["locator"]>) {
  return locator.evaluate((el) => getComputedStyle(el).boxShadow.includes("225, 29, 72"))
}

async function noSidewaysScroll(p: Page = page) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
}

describe("admin traceability workspace in Chromium", () => {
  it("starts in the browser's language (Thai when it is neither), and one click switches it for good", async () => {
    const loginTitle = async (locale: string) => {
      const c = await browser.newContext({ viewport: { width: 390, height: 844 }, locale })
      const p = await c.newPage()
      await p.goto(`${app.medusaUrl}/app/login`)
      const title = p.getByText(/^(Welcome to Medusa|ยินดีต้อนรับสู่ Medusa)$/)
      await eventually(() => title.textContent()).toMatch(/Medusa/)
      return { c, p, title }
    }
    const english = await loginTitle("en-US")
    expect(await english.title.textContent()).toBe("Welcome to Medusa")
    await english.c.close()
    const french = await loginTitle("fr-FR")
    expect(await french.title.textContent()).toBe("ยินดีต้อนรับสู่ Medusa")
    await french.c.close()

    const thai = await loginTitle("th-TH")
    expect(await thai.title.textContent()).toBe("ยินดีต้อนรับสู่ Medusa")
    await shot("login-th-390", thai.p)
    const toggle = thai.p.getByTestId("language-switch")
    expect(await toggle.textContent()).toBe("English")
    await toggle.click()
    await eventually(() => thai.title.textContent()).toBe("Welcome to Medusa")
    // The choice is kept over the browser's language on the next visit.
    await thai.p.reload()
    await eventually(() => thai.title.textContent()).toBe("Welcome to Medusa")
    await thai.p.getByTestId("language-switch").click()
    await eventually(() => thai.title.textContent()).toBe("ยินดีต้อนรับสู่ Medusa")
    await thai.c.close()
  })

  it("logs in and shows the Traceability section in Thai", async () => {
    await open("/login")
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))
    await eventually(() => page.getByRole("link", { name: "ตรวจสอบย้อนกลับ" }).first().isVisible()).toBe(true)
  })

  it("has the one-click language switch on Medusa's own pages too (decision 0057)", async () => {
    await open("/products")
    const products = (name: string) => page.getByRole("link", { name, exact: true }).first()
    await eventually(() => products("สินค้า").isVisible()).toBe(true)
    const toggle = page.getByTestId("language-switch")
    expect(await toggle.textContent()).toBe("English")
    await toggle.click()
    await eventually(() => products("Products").isVisible()).toBe(true)
    expect(await page.getByTestId("language-switch").textContent()).toBe("ภาษาไทย")
    await open("/orders")
    await page.getByTestId("language-switch").click()
    await eventually(() => page.getByRole("link", { name: "คำสั่งซื้อ", exact: true }).first().isVisible()).toBe(true)
  })

  it("adds a household with consent recorded, and a plot", async () => {
    await open("/traceability/households")
    await page.getByRole("button", { name: "เพิ่มครัวเรือน" }).click()
    await page.getByLabel("รหัสครัวเรือน", { exact: true }).fill(householdCode)
    await page.getByLabel("ชื่อเรียกสาธารณะ", { exact: true }).fill("บ้านทดสอบลุงมา")
    await page.getByLabel("หมู่บ้าน", { exact: true }).fill("บ้านแม่มอก")
    await page.getByLabel("ชื่อจริง", { exact: true }).fill("มา")
    // An alias with the given name in it would publish the name whatever the consent: the form says so.
    await eventually(() => page.getByTestId("alias-warning").textContent()).toContain("ชื่อเรียกสาธารณะนี้มีชื่อจริงของครัวเรือนอยู่")
    await page.getByLabel("ชื่อเรียกสาธารณะ", { exact: true }).fill("บ้านทดสอบริมห้วย")
    await eventually(() => page.getByTestId("alias-warning").count()).toBe(0)
    await page.getByLabel("เลขบัตรประชาชน", { exact: true }).fill("1101700203450")
    await page.getByLabel("ยินยอมให้แสดงชื่อจริง").click()
    await page.getByRole("button", { name: "บันทึก", exact: true }).click()

    await page.waitForURL(/\/traceability\/households\/hh_/)
    await eventually(() => page.getByTestId("consent-record").textContent()).toContain("บันทึกความยินยอมเมื่อ")
    await checkPrivateMasked()
    // Who recorded the consent: the logged-in admin (the API takes it from the session, not the form).
    await eventually(() => page.getByTestId("consent-record").textContent()).toContain(ADMIN_EMAIL)
    expect(await page.getByLabel("ยินยอมให้แสดงชื่อจริง").getAttribute("aria-checked")).toBe("true")
    expect(await page.getByLabel("ยินยอมให้แสดงรูปภาพ").getAttribute("aria-checked")).toBe("false")

    // A photo from the phone: shrunk and stored, shown to the member, not public without consent.
    const photo = page.getByTestId("household-photo")
    await eventually(() => photo.textContent()).toContain("ยังไม่มีรูปภาพ")
    await photo.locator('input[type="file"]').setInputFiles(path.resolve(__dirname, "../../backend/src/lib/seed/photos/mm-h-023.jpg"))
    await eventually(() => photo.textContent()).toContain("ผู้ซื้อไม่เห็นรูปนี้")
    await eventually(() => photo.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)

    await open("/traceability/plots")
    await page.getByRole("button", { name: "เพิ่มแปลงปลูก" }).click()
    await page.getByLabel("รหัสแปลง").fill(plotCode)
    await page.getByLabel("ครัวเรือน", { exact: true }).selectOption({ label: `${householdCode} · บ้านทดสอบริมห้วย` })
    await page.getByLabel("พื้นที่ (ไร่)").fill("1.5")
    await page.getByLabel(/^เถาเอ็นอ่อน/).click()
    await page.getByRole("button", { name: "บันทึก", exact: true }).click()
    await page.waitForURL(/\/traceability\/plots\/plot_/)
    expect(await page.getByText("ยังไม่มีใบรับรอง").isVisible()).toBe(true)
  })

  it("masks private data on a phone too, and shows the reveal log to the store owner", async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await open("/traceability/households")
    await page.getByRole("link", { name: householdCode }).click()
    await eventually(() => page.getByTestId("masked-national_id").isVisible()).toBe(true)
    expect(await page.content()).not.toContain("1101700203450")
    await noSidewaysScroll()
    await shot("household-masked-390")

    await open("/traceability/privacy")
    const log = page.getByTestId("reveal-log")
    await eventually(() => log.textContent()).toContain(householdCode)
    const row = log.locator("tr").filter({ hasText: householdCode }).first()
    expect(await row.textContent()).toContain("เลขบัตรประชาชน")
    expect(await row.textContent()).toContain(ADMIN_EMAIL)
    // The store owner's own switch is on and cannot be turned off.
    const own = page.getByTestId("household-access").locator("li").filter({ hasText: ADMIN_EMAIL }).getByRole("switch")
    expect(await own.getAttribute("aria-checked")).toBe("true")
    expect(await own.isDisabled()).toBe(true)
    await shot("privacy-390")
    await page.setViewportSize({ width: 1280, height: 900 })
    await shot("privacy-1280")
    // Back to the new plot, where the next test adds its certificates.
    await open("/traceability/plots")
    await page.getByRole("link", { name: plotCode }).click()
    await page.waitForURL(/\/traceability\/plots\/plot_/)
  })

  it("flags an expired certificate and refuses a harvest on it, in Thai", async () => {
    await addCertification("GAP-EXP-" + run, addDays(today, -400), addDays(today, -10))
    const certs = page.getByTestId("certifications")
    await eventually(() => certs.getByText("หมดอายุแล้ว").isVisible()).toBe(true)

    // The harvest form on a phone.
    await page.setViewportSize({ width: 390, height: 844 })
    await open("/traceability/harvests")
    // A new form is not red; an attempt with empty required fields is.
    const kg = page.getByLabel("น้ำหนัก (กก.)")
    await eventually(() => kg.isVisible()).toBe(true)
    expect(await isRed(kg)).toBe(false)
    await shot("harvest-new-390")
    await page.getByRole("button", { name: "บันทึกการเก็บเกี่ยว" }).click()
    await eventually(() => isRed(kg)).toBe(true)
    await fillHarvest("12.5")
    const alert = page.getByRole("alert").filter({ hasText: "ไม่มีใบรับรองที่ใช้ได้" })
    await eventually(() => alert.isVisible()).toBe(true)
    const text = (await alert.textContent()) ?? ""
    expect(text).toContain(plotCode)
    expect(text).not.toContain("has no certification") // the English half is not shown in Thai
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  })

  it("records the harvest once a valid certificate (expiring within 60 days) is added", async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await open("/traceability/plots")
    await page.getByRole("link", { name: plotCode }).click()
    await addCertification("GAP-OK-" + run, addDays(today, -30), addDays(today, 45))
    await eventually(() => page.getByTestId("certifications").getByText("หมดอายุใน 45 วัน").isVisible()).toBe(true)

    await page.setViewportSize({ width: 390, height: 844 })
    await open("/traceability/harvests")
    await fillHarvest("12.5")
    // Dates in Thai, Buddhist era, like the shop.
    const recent = page.getByTestId("harvest-list").getByText(`${formatThaiDate(today)} · ${plotCode} · เถาเอ็นอ่อน`)
    await eventually(() => recent.isVisible()).toBe(true)
    // Emptied after the save, and not red for it.
    const kg = page.getByLabel("น้ำหนัก (กก.)")
    expect(await kg.inputValue()).toBe("")
    expect(await isRed(kg)).toBe(false)
    await shot("harvest-saved-390")
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  let batchId = ""

  it("creates a batch with a live mass-balance preview, releases it and issues 10 labels", async () => {
    await open("/traceability/batches/new")
    const variant = page.getByLabel("สินค้า (ตัวเลือก)")
    await eventually(() => variant.locator("option").count()).toBeGreaterThan(1)
    await variant.selectOption({ index: 1 })
    await page.getByLabel("จำนวนที่จะผลิต (ชิ้น)").fill("10")

    // Lots are grouped by herb and plot (with the household alias and village), with what is left.
    const group = page.getByTestId("lot-group").filter({ hasText: plotCode })
    expect(await group.getByTestId("group-title").textContent()).toBe(`เถาเอ็นอ่อน · ${plotCode} · บ้านทดสอบริมห้วย · บ้านแม่มอก`)
    expect(await group.getByTestId("group-left").textContent()).toBe("คงเหลือรวม 12.5 กก. (1 ล็อต)")
    const lot = page.getByTestId("batch-lots").locator("li").filter({ hasText: plotCode })
    expect(await lot.getByTestId("lot-left").textContent()).toBe("คงเหลือ 12.5 กก.")
    await lot.getByRole("spinbutton").fill("20")
    await eventually(() => lot.getByRole("alert").textContent()).toContain("เหลือ 12.5 กก. แต่ต้องการใช้ 20 กก.")
    expect(await page.getByRole("button", { name: "สร้างล็อต" }).isDisabled()).toBe(true)
    await lot.getByRole("spinbutton").fill("5")
    await eventually(() => lot.getByTestId("lot-left").textContent()).toBe("หลังใช้เหลือ 7.5 กก.")
    await eventually(() => page.getByTestId("mass-balance").textContent()).toContain(`${plotCode} 100%`)

    await page.getByRole("button", { name: "สร้างล็อต" }).click()
    await page.waitForURL(/\/traceability\/batches\/batch_/)
    batchId = page.url().split("/").pop()!
    await eventually(() => page.getByText("ร่าง", { exact: true }).isVisible()).toBe(true)

    // One path: release → labels → print, the current step marked.
    const current = () => page.getByTestId("batch-steps").locator('[aria-current="step"]').textContent()
    await eventually(current).toBe("1. ปล่อยจำหน่าย")
    await page.getByRole("button", { name: "ปล่อยจำหน่าย", exact: true }).click()
    await eventually(() => page.getByText("ปล่อยจำหน่ายแล้ว", { exact: true }).first().isVisible()).toBe(true)

    await eventually(current).toBe("2. ออกฉลาก 10 ชิ้น")
    const count = page.getByLabel("จำนวนฉลาก")
    expect(await count.inputValue()).toBe("10") // the planned quantity, pre-filled
    expect(await isRed(count)).toBe(false)
    await count.fill("10")
    await page.getByRole("button", { name: "ออกฉลาก", exact: true }).click()
    await eventually(() => page.getByText("ออกฉลากแล้ว 10 ชิ้น").isVisible()).toBe(true)
    expect(await count.inputValue()).toBe("")
    expect(await isRed(count)).toBe(false)
    await eventually(current).toBe("3. พิมพ์ฉลาก")
    expect(await page.getByText("ควรใช้ก่อน", { exact: true }).isVisible()).toBe(true)
  })

  it("opens the label sheet in a new tab for the chosen paper, prints with one button, downloads a PDF", async () => {
    const batch = await adminBatch(batchId)
    expect(batch.units).toHaveLength(10)
    await page.getByLabel("กระดาษฉลาก").selectOption("a4-4x10")
    const [sheet] = await Promise.all([context.waitForEvent("page"), page.getByRole("link", { name: "เปิดแผ่นฉลากเพื่อพิมพ์" }).click()])
    await sheet.waitForLoadState()
    expect(sheet.url()).toContain(`/admin/batches/${batchId}/labels?layout=a4-4x10`)
    expect(page.url()).toContain(`/traceability/batches/${batchId}`) // the admin tab stays
    // Each label: its QR (inline SVG) and its serial, printed in groups of four for reading aloud.
    expect(await sheet.locator(".label .qr svg").count()).toBe(10)
    const printed = (await sheet.locator(".label .serial").allTextContents()).map((s) => s.replace(/-/g, ""))
    expect(printed.sort()).toEqual(batch.units.map((u) => u.serial).sort())
    expect(await sheet.locator(".label").first().textContent()).toContain("ควรใช้ก่อน")

    // On a phone: the print button is on the first screen and opens the print dialog.
    await sheet.setViewportSize({ width: 390, height: 844 })
    const print = sheet.getByRole("button", { name: "พิมพ์" })
    expect(await print.isVisible()).toBe(true)
    await print.click()
    await eventually(() => sheet.evaluate(() => (window as unknown as { printed?: number }).printed ?? 0)).toBe(1)
    await shot("label-sheet-390", sheet)
    await sheet.setViewportSize({ width: 1280, height: 900 })
    await shot("label-sheet-1280", sheet)

    // Another paper is one link away; the PDF is the same sheet.
    await sheet.getByRole("link", { name: /ม้วนสติกเกอร์ 50 × 30/ }).click()
    await eventually(() => sheet.locator("section.page").count()).toBe(10)
    const pdfHref = await sheet.getByRole("link", { name: "ดาวน์โหลด PDF" }).getAttribute("href")
    expect(pdfHref).toContain("layout=roll-50x30")
    const pdf = await context.request.get(`${app.medusaUrl}${pdfHref}`)
    expect(pdf.headers()["content-type"]).toContain("application/pdf")
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-")
    await sheet.close()
  })

  it("recalls the batch with a reason; the public provenance page shows the recall", async () => {
    const reason = `ตรวจพบเชื้อราในล็อต ${run}`
    await page.getByLabel("เหตุผล").fill(reason)
    await page.getByRole("button", { name: "เรียกคืน", exact: true }).click()
    // The confirmation dialog says a recall is final.
    const dialog = page.getByRole("alertdialog")
    await eventually(() => dialog.textContent()).toContain("ยกเลิกไม่ได้")
    await dialog.getByRole("button", { name: "เรียกคืน" }).click()
    await eventually(() => page.getByRole("alert").filter({ hasText: "ล็อตนี้ถูกเรียกคืนเมื่อ" }).textContent()).toContain(reason)
    await eventually(() => page.getByTestId("forward-trace").or(page.getByText("ยังไม่มีคำสั่งซื้อ")).first().isVisible()).toBe(true)

    const batch = await adminBatch(batchId)
    expect(batch.status).toBe("recalled")
    const buyer = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "th-TH" })
    const response = await buyer.goto(batch.units[0].url)
    // The storefront answers a recalled lot with 410 Gone and the full page, recall notice on top.
    expect(response?.status()).toBe(410)
    const banner = buyer.getByRole("alert").filter({ hasText: reason })
    await eventually(() => banner.isVisible()).toBe(true)
    await buyer.close()
  })

  it("lists the variant's batches on the variant page and counts the scan", async () => {
    const batch = await adminBatch(batchId)
    await open(`/products/${batch.variant.product.id}/variants/${batch.variant.id}`)
    const widget = page.getByTestId("variant-batches")
    await eventually(() => widget.locator("li").filter({ hasText: batch.lot_number }).textContent()).toContain("เรียกคืน")

    await open(`/traceability/scans?batch=${batchId}`)
    await eventually(() => page.getByTestId("batch-scans").textContent()).toContain("สแกนทั้งหมด 1 ครั้ง")
  })

  it("follows the admin's language setting: English after switching", async () => {
    // What the profile's language switch stores (i18next caches the choice in a cookie and localStorage).
    const setLanguage = (lng: string) =>
      page.evaluate((l) => {
        document.cookie = `lng=${l}; path=/`
        window.localStorage.setItem("lng", l)
      }, lng)
    await setLanguage("en")
    await open(`/traceability/batches/${batchId}`)
    await eventually(() => page.getByText("This batch was recalled on").isVisible()).toBe(true)
    expect(await page.getByRole("link", { name: "Traceability" }).first().isVisible()).toBe(true)
    await setLanguage("th")
  })

  it("runs Medusa's own dashboard pages under the admin origin's CSP: no violation, no script error", async () => {
    // (launchChromium fails the suite on any CSP violation; page errors are collected here.)
    const errors: string[] = []
    page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`))
    const res = await page.goto(`${app.medusaUrl}/app/orders`)
    expect(res!.headers()["content-security-policy"]).toMatch(/script-src 'self';/)
    expect(res!.headers()["x-powered-by"]).toBeUndefined()
    for (const path of ["/orders", "/products", "/inventory", "/customers", "/promotions", "/price-lists", "/settings/store", "/settings/regions", "/settings/users"]) {
      await open(path)
      await page.waitForLoadState("networkidle")
    }
    // A product with its images (served from /static under their own policy).
    await open("/products")
    await page.locator('a[href*="/products/prod_"]').first().click()
    await page.waitForLoadState("networkidle")
    await eventually(() => page.locator("img").evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBeGreaterThan(0)
    expect(errors).toEqual([])
  })
})

async function addCertification(number: string, from: string, until: string) {
  // The add-certificate form is not red before it is used, nor after a save.
  expect(await isRed(page.getByLabel("เลขที่ใบรับรอง"))).toBe(false)
  await page.getByLabel("เลขที่ใบรับรอง").fill(number)
  await page.getByLabel("หน่วยรับรอง").fill("สำนักงานเกษตรอำเภอเถิน")
  await page.getByLabel("ใช้ได้ตั้งแต่").fill(from)
  await page.getByLabel("ใช้ได้ถึง").fill(until)
  await page.getByRole("button", { name: "เพิ่มใบรับรอง" }).click()
  await eventually(() => page.getByTestId("certifications").getByText(number).isVisible()).toBe(true)
  expect(await isRed(page.getByLabel("เลขที่ใบรับรอง"))).toBe(false)
}

/** On the new household's page: private values masked, revealed one field at a time (logged), the preview as a buyer sees it. */
async function checkPrivateMasked() {
  const masked = page.getByTestId("masked-national_id")
  await eventually(() => masked.textContent()).toContain("•••")
  expect(await page.content()).not.toContain("1101700203450")
  // The public preview reads like the buyer's page, not JSON.
  const preview = page.getByTestId("public-preview")
  expect(await preview.textContent()).toContain("บ้านทดสอบริมห้วย")
  expect(await preview.textContent()).toContain("ชื่อ มา")
  expect(await preview.textContent()).toContain("ต.แม่มอก อ.เถิน จ.ลำปาง")
  expect(await preview.textContent()).not.toContain("{")
  await shot("household-masked-1280")
  await masked.getByRole("button", { name: "แสดงเลขบัตรประชาชน" }).click()
  const input = page.getByLabel("เลขบัตรประชาชน", { exact: true })
  await eventually(() => input.inputValue()).toBe("1101700203450")
  // Only that field: the phone (empty) is an input, the others stay as they were.
  await shot("household-revealed-1280")
}

async function fillHarvest(kg: string) {
  // Plots are picked by code, household alias and village.
  await page.getByLabel("แปลง", { exact: true }).selectOption({ label: `${plotCode} · บ้านทดสอบริมห้วย · บ้านแม่มอก` })
  // Only herbs grown on the plot are offered.
  const species = page.getByLabel("สมุนไพร", { exact: true })
  // The plot's herbs load after the plot is picked: wait for them rather than read the list once.
  await eventually(() => species.locator("option").allTextContents()).toEqual(["— เลือก —", "เถาเอ็นอ่อน"])
  await species.selectOption({ index: 1 })
  expect(await page.getByLabel("วันที่เก็บ").inputValue()).toBe(today)
  await page.getByLabel("น้ำหนัก (กก.)").fill(kg)
  await page.getByRole("button", { name: "บันทึกการเก็บเกี่ยว" }).click()
}

type AdminBatch = {
  status: string
  lot_number: string
  units: { serial: string; url: string }[]
  variant: { id: string; product: { id: string } }
}

/** The batch as the admin API has it, with the browser's session cookie. */
async function adminBatch(id: string): Promise<AdminBatch> {
  const res = await context.request.get(`${app.medusaUrl}/admin/batches/${id}`)
  expect(res.status()).toBe(200)
  return ((await res.json()) as { batch: AdminBatch }).batch
}
