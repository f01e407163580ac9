import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bangkokToday, formatThaiDate } from "@mae-mok/traceability"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { pdfText } from "../support/pdf"
import { launchChromium, thaiAdminContext } from "./browser"

// Issue 13 in Chromium, in Thai, as a group member does it: the committee's farm-gate price and share rule, a
// harvest recorded on a phone at that price (the form shows price and amount), the household paid and its receipt
// printed (PDF read back with pdftotext), the monthly statement on A4, the payout run; then what buyers see: the
// aggregate grower-share line on the product and provenance pages, and only the rule when fewer than three
// households grew the batch.

let app: TestApp
let api: AdminApi
let browser: Browser
let context: BrowserContext
let page: Page
const today = bangkokToday()
const month = today.slice(0, 7)
const shots = process.env.SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "maemok-money-"))
const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }
const SPECIES = "ไพลรับซื้อทดสอบ"
/** Four households: A is paid by hand, all are in the payout run, the batches take their harvests. */
const households: { id: string; code: string; alias: string; plotId: string; plotCode: string }[] = []
let speciesId = ""

beforeAll(async () => {
  browser = await launchChromium()
  app = await startTestApp({ storefront: true })
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  speciesId = (await api.ok("POST", "/admin/herb-species", { thai_name: SPECIES, scientific_name: "Zingiber montanum (money e2e)", part_used: "เหง้า" })).herb_species.id
  for (const [i, letter] of ["A", "B", "C", "D"].entries()) {
    const code = `MM-H-8${i}${i}`
    const alias = `สวนเงิน ${letter}`
    const household = (await api.ok("POST", "/admin/households", { code, alias, given_name: `สมศรี${letter}`, ...place })).household
    const plotCode = `MM-P-8${i}${i}1`
    const plot = (await api.ok("POST", "/admin/plots", { code: plotCode, household_id: household.id, species_ids: [speciesId], ...place })).plot
    await api.ok("POST", "/admin/certifications", {
      plot_id: plot.id, scheme: "TH-GAP", certificate_number: `GAP MONEY-${i}`, certifying_body: "กรมวิชาการเกษตร", valid_from: "2025-01-01", valid_until: "2030-12-31",
    })
    households.push({ id: household.id, code, alias, plotId: plot.id, plotCode })
  }
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

async function open(adminPath: string) {
  await page.goto(`${app.medusaUrl}/app${adminPath}`)
}

async function phone() {
  await page.setViewportSize({ width: 390, height: 844 })
}
async function desktop() {
  await page.setViewportSize({ width: 1280, height: 900 })
}
async function noSideScroll(p: Page = page) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
}

async function statement(householdId: string) {
  return (await api.ok("GET", `/admin/households/${householdId}/statement?month=${month}`)).statement
}

/** The statement section's household picker: the data loads after the page. */
async function pickStatementHousehold(h: (typeof households)[number]) {
  const select = page.getByLabel("ครัวเรือน", { exact: true })
  await eventually(() => select.locator("option").allTextContents()).toContain(`${h.code} · ${h.alias}`)
  await select.selectOption({ label: `${h.code} · ${h.alias}` })
  await eventually(() => page.getByTestId("statement").isVisible()).toBe(true)
}

describe("household money in the admin (Chromium, Thai)", () => {
  it("logs in, and the committee sets the herb's farm-gate price and the sales share rule", async () => {
    await open("/login")
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))

    await open("/traceability/money")
    const species = page.getByLabel("ชนิดสมุนไพร", { exact: true })
    await eventually(() => species.locator("option").allTextContents()).toContain(SPECIES)
    await species.selectOption({ label: SPECIES })
    await page.getByLabel("ราคา (บาท/กก.)").fill("45.50")
    expect(await page.getByLabel("เริ่มใช้").first().inputValue()).toBe(today)
    await page.getByRole("button", { name: "ตั้งราคาใหม่" }).click()
    const priceRow = page.getByRole("row").filter({ hasText: SPECIES })
    await eventually(() => priceRow.textContent()).toContain("฿45.50")
    expect(await priceRow.textContent()).toContain("ใช้อยู่")

    await page.getByLabel("ส่วนแบ่ง (% ของรายได้สุทธิไม่รวม VAT)").fill("10")
    await page.getByRole("button", { name: "ตั้งกฎใหม่" }).click()
    await eventually(() => page.getByRole("row").filter({ hasText: "ทุกสินค้า" }).textContent()).toContain("10%")
    const { share_rules } = await api.ok("GET", "/admin/share-rules")
    expect(share_rules.map((r: Json) => [r.product_id, r.basis_points, r.valid_from])).toEqual([[null, 1000, today]])
  })

  it("records a harvest on a phone: the form shows the price and the amount, and the purchase is owed to the household", async () => {
    const a = households[0]!
    await phone()
    await open("/traceability/harvests")
    // The picker shows code · alias · village (issue 15); chosen by the plot's id.
    await page.getByLabel("แปลง", { exact: true }).selectOption(a.plotId)
    const species = page.getByLabel("สมุนไพร", { exact: true })
    await eventually(() => species.inputValue()).toBe(speciesId) // the plot grows one herb: preselected
    await page.getByLabel("น้ำหนัก (กก.)").fill("2.5")
    // 2.5 kg × ฿45.50 = ฿113.75
    await eventually(() => page.getByTestId("harvest-price").textContent()).toBe("ราคารับซื้อ ฿45.50 ต่อกก. · เป็นเงิน ฿113.75")
    await noSideScroll()
    await page.screenshot({ path: path.join(shots, "money-harvest-390.png"), fullPage: true })
    await page.getByRole("button", { name: "บันทึกการเก็บเกี่ยว" }).click()
    await eventually(() => page.getByText("บันทึกยอดรับซื้อ ฿113.75 ให้ครัวเรือนแล้ว").first().isVisible()).toBe(true)
    await eventually(() => page.getByTestId("harvest-list").getByText(`${formatThaiDate(today)} · ${a.plotCode} · ${SPECIES}`).isVisible()).toBe(true)

    const s = await statement(a.id)
    expect(s.lines.map((l: Json) => [l.kind, l.satang])).toEqual([["farm_gate_purchase", 11375]])
    expect(s.closingBalanceSatang).toBe(11375)
  })

  it("pays the household on a phone and prints its Thai receipt (ใบสำคัญรับเงิน)", async () => {
    const a = households[0]!
    await open("/traceability/money")
    await pickStatementHousehold(a)
    await eventually(() => page.getByTestId("closing-balance").textContent()).toBe("฿113.75")
    // More than is owed is refused, in Thai, and nothing is paid.
    await page.getByLabel("จำนวนเงิน (บาท)").fill("200")
    await page.getByRole("button", { name: "บันทึกการจ่ายเงิน" }).click()
    await eventually(() => page.getByRole("alert").filter({ hasText: "ยอดค้าง" }).count()).toBeGreaterThan(0)
    expect((await statement(a.id)).closingBalanceSatang).toBe(11375)

    await page.getByLabel("จำนวนเงิน (บาท)").fill("100")
    await page.getByLabel("วิธีจ่าย").first().selectOption({ label: "เงินสด" })
    await page.getByLabel("ผู้จ่ายเงิน").fill("นางบัวเรียน เหรัญญิก")
    await page.getByRole("button", { name: "บันทึกการจ่ายเงิน" }).click()
    const link = page.getByTestId("receipt-link")
    await eventually(() => link.isVisible()).toBe(true)
    await eventually(() => page.getByTestId("closing-balance").textContent()).toBe("฿13.75")
    await noSideScroll()
    await page.screenshot({ path: path.join(shots, "money-pay-390.png"), fullPage: true })

    // The receipt opens in a new tab as a PDF (the member's session); its text layer is the Thai receipt.
    const href = await link.getAttribute("href")
    expect(href).toMatch(new RegExp(`^/admin/households/${a.id}/receipts/pay_`))
    const res = await context.request.get(`${app.medusaUrl}${href}`)
    expect(res.status()).toBe(200)
    expect(res.headers()["content-type"]).toBe("application/pdf")
    const text = pdfText(Buffer.from(await res.body()))
    expect(text).toContain("ใบสำคัญรับเงิน")
    expect(text).toContain(a.code)
    expect(text).toContain("สมศรีA")
    expect(text).toContain("฿100.00")
    expect(text).toContain("หนึ่งร้อยบาทถ้วน")
    expect(text).toContain("เงินสด")
    expect(text).toContain("นางบัวเรียน เหรัญญิก")
    expect(text).toContain("ลงชื่อ ผู้รับเงิน")
    const s = await statement(a.id)
    const paid = s.lines.find((l: Json) => l.kind === "payment")
    expect(paid.satang).toBe(-10000)
    expect(text).toMatch(/เลขที่\s+RV-\d{4}-\d{6}/)
    expect(paid.description_th).toContain(text.match(/RV-\d{4}-\d{6}/)![0])
  })

  it("shows the monthly statement on a desktop and prints it on A4, with its CSV", async () => {
    const a = households[0]!
    await desktop()
    await page.reload()
    await pickStatementHousehold(a)
    const st = page.getByTestId("statement")
    await eventually(() => st.textContent()).toContain("รับซื้อผลผลิต")
    const text = (await st.textContent()) ?? ""
    expect(text).toContain(`${a.code} · ${a.alias} · ${month}`)
    expect(text).toContain("ยอดยกมา")
    expect(text).toContain(`รับซื้อผลผลิต ${SPECIES} 2.5 กก. × ฿45.50`)
    expect(text).toContain("฿113.75")
    expect(text).toContain("จ่ายเงินให้ครัวเรือน (เงินสด)")
    expect(text).toContain("-฿100.00")
    expect(await page.getByTestId("closing-balance").textContent()).toBe("฿13.75")
    await page.screenshot({ path: path.join(shots, "money-statement-1280.png"), fullPage: true })

    // What "พิมพ์ (A4)" prints: the statement alone (no menus, no forms), on A4.
    await page.emulateMedia({ media: "print" })
    const pdf = await page.pdf({ format: "A4", printBackground: true })
    await page.emulateMedia({ media: "screen" })
    const printed = pdfText(pdf)
    expect(printed).toContain(`${a.code} · ${a.alias} · ${month}`)
    expect(printed).toContain("ยอดค้างจ่ายยกไป")
    expect(printed).toContain("฿13.75")
    expect(printed).not.toContain("บันทึกการจ่ายเงิน")
    expect(printed).not.toContain("จ่ายเงินรอบเดือน")
    fs.writeFileSync(path.join(shots, "money-statement-a4.pdf"), pdf)

    const csv = await context.request.get(`${app.medusaUrl}/admin/households/${a.id}/statement.csv?month=${month}`)
    expect(csv.status()).toBe(200)
    const rows = (await csv.text()).replace(/^\ufeff/, "").trim().split("\r\n")
    expect(rows.some((r) => r.endsWith(",113.75"))).toBe(true)
    expect(rows.some((r) => r.endsWith(",-100.00"))).toBe(true)
    expect(rows.at(-1)).toMatch(/closing_balance,ยอดค้างจ่ายยกไป,,13\.75$/)
  })

  it("runs the monthly payout: every household owed, paid in one go (desktop, then the empty run on a phone)", async () => {
    // B, C and D harvest 1 kg each at ฿45.50.
    for (const h of households.slice(1)) {
      const harvest = (await api.ok("POST", "/admin/harvests", { plot_id: h.plotId, species_id: speciesId, harvested_on: today, kg: 1 })).harvest
      expect(harvest.purchase.satang).toBe(4550)
    }
    await page.reload()
    const list = page.getByTestId("payout-list")
    const owed = [
      [households[0]!, "฿13.75"],
      [households[1]!, "฿45.50"],
      [households[2]!, "฿45.50"],
      [households[3]!, "฿45.50"],
    ] as const
    for (const [h, amount] of owed) await eventually(() => list.locator("li").filter({ hasText: h.code }).textContent()).toContain(amount)
    const run = await api.ok("GET", `/admin/payout-run?as_of=${today}`)
    const ours = run.payees.filter((p: Json) => households.some((h) => h.id === p.household_id))
    expect(ours.map((p: Json) => p.balance_satang)).toEqual([1375, 4550, 4550, 4550])
    expect(await page.getByText(`รวม ${formatTotal(run.total_satang)}`).isVisible()).toBe(true)
    await page.screenshot({ path: path.join(shots, "money-payout-1280.png"), fullPage: true })

    await page.getByRole("button", { name: "จ่ายทุกครัวเรือนที่เลือก" }).click()
    await eventually(() => page.getByText("ไม่มีครัวเรือนที่มียอดค้างจ่าย").isVisible()).toBe(true)
    for (const h of households) expect((await statement(h.id)).closingBalanceSatang, h.code).toBe(0)
    const again = await api.ok("GET", `/admin/payout-run?as_of=${today}`)
    expect(again.payees).toEqual([])
    // One run: the four payments share one payout id, each with its own receipt.
    const payments = await Promise.all(households.map(async (h) => (await statement(h.id)).lines.filter((l: Json) => l.kind === "payment").at(-1)))
    expect(payments.map((p: Json) => p.satang)).toEqual([-1375, -4550, -4550, -4550])

    await phone()
    await page.reload()
    await eventually(() => page.getByText("ไม่มีครัวเรือนที่มียอดค้างจ่าย").isVisible()).toBe(true)
    await noSideScroll()
    await page.screenshot({ path: path.join(shots, "money-payout-390.png"), fullPage: true })
  })
})

function formatTotal(satang: number) {
  return `฿${(satang / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`
}

describe("the grower-share line buyers see (storefront, Chromium)", () => {
  /** A released batch of `sku` made from the harvests of `from`, with two labelled units; the seed's batches of the variant held. */
  async function batchOf(sku: string, from: typeof households) {
    const { products } = await api.ok("GET", "/admin/products?fields=id,handle,variants.id,variants.sku&limit=50")
    const product = (products as Json[]).find((p) => p.variants.some((v: Json) => v.sku === sku))!
    const variantId = product.variants.find((v: Json) => v.sku === sku).id
    const { batches: released } = await api.ok("GET", "/admin/batches?status=released")
    for (const b of released as Json[]) {
      const full = (await api.ok("GET", `/admin/batches/${b.id}`)).batch
      if (full.variant?.sku === sku) await api.ok("POST", `/admin/batches/${b.id}/hold`, { reason: "test: this test's batch is the current one" })
    }
    const inputs: { harvest_lot_id: string; kg: number }[] = []
    for (const h of from) {
      const lots = (await api.ok("GET", `/admin/harvests?plot_id=${h.plotId}`)).harvests as Json[]
      inputs.push({ harvest_lot_id: lots.find((l) => l.kg_left >= 0.3)!.id, kg: 0.3 })
    }
    const made = (await api.ok("POST", "/admin/batches", { variant_id: variantId, produced_on: today, units_planned: 2, issue_units: 2, inputs })).batch
    await api.ok("POST", `/admin/batches/${made.id}/release`, {})
    const batch = (await api.ok("GET", `/admin/batches/${made.id}`)).batch
    return { handle: product.handle as string, variantId, unitUrl: batch.units[0].url as string }
  }

  it("says in aggregate how much of the price goes back to the four households, on the product and provenance pages", async () => {
    const oil = await batchOf("MM-OIL-100", households)
    // ฿390 incl. VAT → ฿364.49 net; 10 % → ฿36.45, said in whole baht rounded down.
    const line = "฿36 ของราคานี้ถึงมือครัวเรือนผู้ปลูก 4 ครัวเรือน"
    const buyer = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "th-TH" })
    for (const [name, url] of [
      ["product", `${app.storefrontUrl}/products/${oil.handle}?variant=${oil.variantId}`],
      ["provenance", oil.unitUrl],
    ] as const) {
      expect((await buyer.goto(url))?.status(), url).toBe(200)
      await eventually(() => buyer.getByTestId("grower-share").textContent()).toBe(line)
      // Never a household's own money: no amount it was paid or is owed appears anywhere on the page.
      const body = (await buyer.textContent("body")) ?? ""
      for (const amount of ["113.75", "45.50", "13.75"]) expect(body, `${name} ${amount}`).not.toContain(amount)
      await noSideScroll(buyer)
      await buyer.screenshot({ path: path.join(shots, `grower-share-${name}-390.png`), fullPage: true })
    }
    await buyer.setViewportSize({ width: 1280, height: 900 })
    await buyer.goto(`${app.storefrontUrl}/en/products/${oil.handle}?variant=${oil.variantId}`)
    await eventually(() => buyer.getByTestId("grower-share").textContent()).toBe("฿36 of this price goes back to the 4 grower households")
    await buyer.screenshot({ path: path.join(shots, "grower-share-product-en-1280.png"), fullPage: true })
    await buyer.close()
  })

  it("states only the share rule, no baht, when fewer than three households grew the batch", async () => {
    const pair = await batchOf("MM-CB-2", households.slice(0, 2))
    const buyer = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "th-TH" })
    for (const [name, url] of [
      ["product", `${app.storefrontUrl}/products/${pair.handle}?variant=${pair.variantId}`],
      ["provenance", pair.unitUrl],
    ] as const) {
      expect((await buyer.goto(url))?.status(), url).toBe(200)
      const share = buyer.getByTestId("grower-share")
      await eventually(() => share.textContent()).toBe("10% ของรายได้สุทธิ (ไม่รวม VAT) จากสินค้าชิ้นนี้ถึงมือครัวเรือนผู้ปลูก")
      expect(await share.textContent(), name).not.toContain("฿")
      await buyer.screenshot({ path: path.join(shots, `grower-share-rule-only-${name}-390.png`), fullPage: true })
    }
    await buyer.close()
  })
})
