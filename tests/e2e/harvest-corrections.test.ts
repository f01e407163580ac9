import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bangkokToday } from "@mae-mok/traceability"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { launchChromium, thaiAdminContext } from "./browser"

// Issue 15 in Chromium, in Thai: a group member corrects a harvest lot on a desktop (1280) and voids another on a
// phone (390), each with a reason; a lot a batch used offers neither; the correction history and the void show
// on the list (docs/decisions/0067-harvest-corrections.md).

let app: TestApp
let api: AdminApi
let browser: Browser
let context: BrowserContext
let page: Page
const today = bangkokToday()
const shots = process.env.SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "maemok-harvest-corrections-"))
const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }
let toCorrect: Json
let toVoid: Json
let used: Json

beforeAll(async () => {
  browser = await launchChromium()
  app = await startTestApp()
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  const species = (await api.ok("POST", "/admin/herb-species", { thai_name: "ไพลแก้ไขทดสอบ", scientific_name: "Zingiber montanum (corrections e2e)", part_used: "เหง้า" })).herb_species
  const household = (await api.ok("POST", "/admin/households", { code: "MM-H-9670", alias: "สวนแก้ไข", ...place })).household
  const plot = (await api.ok("POST", "/admin/plots", { code: "MM-P-9670", household_id: household.id, species_ids: [species.id], ...place })).plot
  await api.ok("POST", "/admin/certifications", {
    plot_id: plot.id, scheme: "TH-GAP", certificate_number: "GAP 9670", certifying_body: "กรมวิชาการเกษตร", valid_from: "2025-01-01", valid_until: "2030-12-31",
  })
  await api.ok("POST", "/admin/farm-gate-prices", { species_id: species.id, price_per_kg_satang: 4550, valid_from: today })
  const harvest = async (kg: number) => (await api.ok("POST", "/admin/harvests", { plot_id: plot.id, species_id: species.id, harvested_on: today, kg })).harvest
  toCorrect = await harvest(12.345)
  toVoid = await harvest(7)
  used = await harvest(5)
  const batches = (await api.ok("GET", "/admin/batches")).batches as Json[]
  const variantId = batches.find((b) => b.lot_number.startsWith("MO"))!.variant.id
  await api.ok("POST", "/admin/batches", { variant_id: variantId, produced_on: today, units_planned: 10, inputs: [{ harvest_lot_id: used.id, kg: 1 }] })
  context = await thaiAdminContext(browser)
  page = await context.newPage()
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await app?.stop()
})

function eventually<T>(fn: () => T | Promise<T>, timeout = 30_000) {
  return expect.poll(fn, { timeout, interval: 250 })
}
async function shot(name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
}
const lot = (id: string) => page.locator(`[data-testid="harvest-lot"][data-lot="${id}"]`)
/** Whether an input is outlined red (@medusajs/ui's error border, rgb(225, 29, 72)). */
function isRed(locator: ReturnType<Page["locator"]>) {
  return locator.evaluate((el) => getComputedStyle(el).boxShadow.includes("225, 29, 72"))
}
async function harvest(id: string) {
  return (await api.ok("GET", `/admin/harvests/${id}`)).harvest
}

describe("correcting and voiding harvests in the admin (Chromium, Thai)", () => {
  it("corrects a lot on a desktop: the reason is required, the history shows before → after", async () => {
    await page.goto(`${app.medusaUrl}/app/login`)
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))
    await page.goto(`${app.medusaUrl}/app/traceability/harvests`)

    const row = lot(toCorrect.id)
    await eventually(() => row.getByRole("button", { name: "แก้ไข", exact: true }).isVisible()).toBe(true)
    expect(await row.getByRole("button", { name: "ยกเลิก", exact: true }).isVisible()).toBe(true)
    // A lot a batch used offers neither, and says why.
    await eventually(() => lot(used.id).textContent()).toContain("นำไปผลิตแล้ว แก้ไขหรือยกเลิกไม่ได้")
    expect(await lot(used.id).getByRole("button").count()).toBe(0)

    await row.getByRole("button", { name: "แก้ไข", exact: true }).click()
    const form = row.getByTestId("harvest-correct-form")
    const reason = form.getByLabel("เหตุผล (จำเป็น)")
    const kg = form.getByLabel("น้ำหนัก (กก.)")
    await eventually(() => kg.inputValue()).toBe("12.345")
    // Not red before an attempt; the browser refuses the empty reason and only then marks it.
    expect(await isRed(reason)).toBe(false)
    await kg.fill("8.5")
    await form.getByRole("button", { name: "บันทึกการแก้ไข" }).click()
    await eventually(() => isRed(reason)).toBe(true)
    expect((await harvest(toCorrect.id)).corrections).toHaveLength(0)
    await shot("harvest-correct-1280")

    await reason.fill("ชั่งรวมตะกร้า")
    await form.getByRole("button", { name: "บันทึกการแก้ไข" }).click()
    await eventually(async () => (await harvest(toCorrect.id)).kg_harvested).toBe(8.5)
    const saved = await harvest(toCorrect.id)
    expect(saved.corrections).toMatchObject([{ reason: "ชั่งรวมตะกร้า", changes: { kg: { before: 12.345, after: 8.5 } } }])
    // The form closes; the history lists the correction.
    await eventually(() => form.isVisible()).toBe(false)
    const history = row.getByTestId("harvest-history")
    await history.locator("summary").click()
    await eventually(() => history.textContent()).toContain("ชั่งรวมตะกร้า")
    expect(await history.textContent()).toContain("น้ำหนัก (กก.): 12.345 กก. → 8.5 กก.")
    await eventually(() => row.textContent()).toContain("เก็บ 8.5 กก.")
    await shot("harvest-corrected-1280")
  })

  it("voids a lot on a phone with a reason and a confirmation: it stays listed, struck through, with the reason", async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${app.medusaUrl}/app/traceability/harvests`)
    const row = lot(toVoid.id)
    await eventually(() => row.getByRole("button", { name: "ยกเลิก", exact: true }).isVisible()).toBe(true)
    await row.getByRole("button", { name: "ยกเลิก", exact: true }).click()
    const form = row.getByTestId("harvest-void-form")
    await form.getByLabel("เหตุผล (จำเป็น)").fill("บันทึกซ้ำกับล็อตเมื่อวาน")
    await form.getByRole("button", { name: "ยืนยันยกเลิก" }).click()
    const dialog = page.getByRole("alertdialog")
    await eventually(() => dialog.textContent()).toContain("ยอดรับซื้อของครัวเรือนจะถูกกลับรายการ")
    await shot("harvest-void-confirm-390")
    await dialog.getByRole("button", { name: "ยืนยันยกเลิก" }).click()

    await eventually(async () => (await harvest(toVoid.id)).void_reason).toBe("บันทึกซ้ำกับล็อตเมื่อวาน")
    await eventually(() => row.getAttribute("data-voided")).toBe("")
    await eventually(() => row.getByTestId("harvest-voided").textContent()).toContain("บันทึกซ้ำกับล็อตเมื่อวาน")
    expect(await row.getByTestId("harvest-voided").textContent()).toContain("ยกเลิกแล้ว")
    expect(await row.locator("p, span").first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe("line-through")
    expect(await row.getByRole("button").count()).toBe(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await shot("harvest-voided-390")
    // The batch form offers only lots a batch may use: not the voided one.
    const available = (await api.ok("GET", "/admin/harvests?available=true&limit=500")).harvests as Json[]
    expect(available.map((h) => h.id)).not.toContain(toVoid.id)
    expect(available.map((h) => h.id)).toContain(toCorrect.id)
  })
})
