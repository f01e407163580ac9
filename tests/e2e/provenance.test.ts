import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../support/app"
import { launchChromium, transferredBytes } from "./browser"
import { adminToken } from "../support/admin-api"

// What a buyer sees after scanning a label, and the GS1 resolver behaviour of the same URLs.

type Unit = { serial: string; url: string; scan_count: number }
type Batch = { id: string; lot_number: string; status: string; variant: { barcode: string; sku: string } | null; units: Unit[] }

let app: TestApp
let browser: Browser
let token: string
let oil: Batch
let ball: Batch

async function admin<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(app.medusaUrl + path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) },
  })
  expect(res.status, `${init.method ?? "GET"} ${path}`).toBe(200)
  return (await res.json()) as T
}

const batch = async (id: string) => (await admin<{ batch: Batch }>(`/admin/batches/${id}`)).batch
const lotPath = (b: Batch) => `/01/${b.variant!.barcode}/10/${b.lot_number}`
const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  fetch(app.storefrontUrl + path, { method, headers, redirect: "manual" })

beforeAll(async () => {
  browser = await launchChromium()
  app = await startTestApp({ storefront: true })
  token = await adminToken(app.medusaUrl)
  const { batches } = await admin<{ batches: Batch[] }>("/admin/batches?status=released")
  const full = await Promise.all(batches.map((b) => batch(b.id)))
  oil = full.find((b) => b.variant?.sku?.startsWith("MM-OIL") && b.units.length >= 2)!
  ball = full.find((b) => b.variant?.sku?.startsWith("MM-CB"))!
  expect(oil, "a released oil batch with label units in the seed").toBeDefined()
  expect(ball, "a released compress-ball batch in the seed").toBeDefined()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe("scanning a label in Chromium (JavaScript off, 360 px phone)", () => {
  it("shows product, lot, verdict, herbs, certified plots and households; counts every scan exactly", async () => {
    const unit = oil.units[0]!
    expect(unit.url.startsWith(app.storefrontUrl + lotPath(oil) + "/21/")).toBe(true)
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "th-TH", javaScriptEnabled: false })
    const page = await context.newPage()
    const first = await transferredBytes(page, unit.url)
    expect(first.status).toBe(200)
    console.log(`provenance page, first visit: ${(first.bytes / 1024).toFixed(1)} KB transferred`)
    expect(first.bytes).toBeLessThanOrEqual(100 * 1024)

    await page.getByRole("heading", { level: 1, name: /น้ำมันนวดสมุนไพรหมอกไพร/ }).waitFor()
    await page.getByText("สแกนครั้งแรก", { exact: false }).waitFor()
    await page.getByText(oil.lot_number, { exact: true }).waitFor()
    await page.getByRole("heading", { name: "สมุนไพรในล็อตนี้" }).waitFor()
    await page.getByText("Cryptolepis dubia").first().waitFor()
    const plots = page.getByRole("region", { name: "แปลงปลูกที่ได้รับรอง" })
    await plots.getByText(/ใบรับรอง (TH-GAP|PGS) เลขที่/).first().waitFor()
    await page.getByRole("region", { name: "สมดุลวัตถุดิบ" }).getByText(/จาก \d+ ครัวเรือน บน \d+ แปลง/).waitFor()
    await expect(page.getByRole("region", { name: "ครัวเรือนผู้ปลูก" }).getByRole("listitem").count()).resolves.toBeGreaterThan(0)
    await expect(page.locator('meta[name="robots"]').getAttribute("content")).resolves.toContain("noindex")
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)

    // Machines asking about the same URL are not scans: HEAD, preflight, linkset.
    expect((await get(new URL(unit.url).pathname, {}, "HEAD")).status).toBe(200)
    expect((await get(new URL(unit.url).pathname, { accept: "application/linkset+json" })).status).toBe(200)
    expect((await get(new URL(unit.url).pathname, {}, "OPTIONS")).status).toBe(204)

    await page.reload()
    await page.getByText(/สแกนแล้ว 2 ครั้ง จาก 1 เครื่อง\/เครือข่าย ตั้งแต่วันที่ .* — ปกติ/).waitFor()
    const after = (await batch(oil.id)).units.find((u) => u.serial === unit.serial)!
    expect(after.scan_count).toBe(2)

    // The same page in English.
    await page.getByRole("link", { name: "English" }).click()
    await page.getByRole("heading", { level: 1, name: /Mok Prai herbal massage oil/ }).waitFor()
    await page.getByText(/Scanned 3 times/).waitFor()
    await context.close()
  })

  it("warns plainly about an unknown serial, whatever its shape, in the buyer's language and without developer text", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "th-TH" })
    // Ours in shape but never printed, too short, lowercase: all well-formed GS1, all simply unknown (404).
    for (const serial of ["ZZZZZZZZZZZZZZZZ", oil.units[0]!.serial.slice(0, 15), oil.units[0]!.serial.toLowerCase(), "abc"]) {
      const response = await page.goto(`${app.storefrontUrl}${lotPath(oil)}/21/${serial}`)
      expect(response!.status(), serial).toBe(404)
      await page.getByRole("alert").getByText("ไม่พบรหัสนี้ — สินค้านี้อาจไม่ใช่ของแท้").waitFor()
      await page.getByText("ไม่พบรหัสนี้ในระบบของวิสาหกิจชุมชนแม่มอก").waitFor()
      expect(await page.locator("main").innerText()).not.toMatch(/serial|GS1|characters|Crockford|must be/i)
    }
    // A link that breaks GS1 syntax (a 21-character serial, a character GS1 refuses): 400, a plain "unknown code"
    // page in Thai, and in English for /en shoppers; the reason goes only to machines asking for JSON.
    for (const [serial, lang, title, text] of [
      ["A".repeat(21), "th", "ไม่รู้จักรหัสนี้", "รหัส QR นี้ไม่ใช่ฉลากของสินค้าแม่มอก"],
      ["ABC%5C", "en", "Unknown code", "This QR code is not a Mae Mok product label."],
    ] as const) {
      const response = await page.goto(`${app.storefrontUrl}${lotPath(oil)}/21/${serial}?lang=${lang}`)
      expect(response!.status(), serial).toBe(400)
      await page.getByRole("heading", { level: 1, name: title }).waitFor()
      await page.getByText(text).waitFor()
      expect(await page.locator("main").innerText()).not.toMatch(/serial|GS1|characters|allow|U\+|percent|must/i)
    }
    await page.close()
  })

  it("shows the recall banner for a recalled lot, answered 410 Gone", async () => {
    await admin(`/admin/batches/${ball.id}/recall`, { method: "POST", body: JSON.stringify({ reason: "ทดสอบ: พบความชื้นเกินมาตรฐาน" }) })
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "th-TH" })
    const response = await page.goto(app.storefrontUrl + lotPath(ball))
    expect(response!.status()).toBe(410)
    const banner = page.getByRole("alert").filter({ hasText: "ประกาศเรียกคืนสินค้า" })
    await banner.waitFor()
    await banner.getByText("เหตุผล: ทดสอบ: พบความชื้นเกินมาตรฐาน").waitFor()
    await page.close()
    expect((await get(lotPath(ball), {}, "HEAD")).status).toBe(410)
  })
})

describe("GS1 resolver behaviour over HTTP", () => {
  it("answers the linkset for Accept: application/linkset+json and ?linkType=all, with CORS", async () => {
    for (const [path, headers] of [
      [lotPath(oil), { accept: "application/linkset+json" }],
      [`${lotPath(oil)}?linkType=all`, {}],
    ] as const) {
      const res = await get(path, headers)
      expect(res.status).toBe(200)
      expect(res.headers.get("content-type")).toContain("application/linkset+json")
      expect(res.headers.get("access-control-allow-origin")).toBe("*")
      const body = (await res.json()) as { linkset: Record<string, unknown>[] }
      const set = body.linkset[0]! as Record<string, { href: string; type: string }[]> & { anchor: string }
      expect(set.anchor).toBe(app.storefrontUrl + lotPath(oil))
      expect(set["https://gs1.org/voc/pip"]!.map((l) => l.href)).toContain(app.storefrontUrl + lotPath(oil))
      expect(set["https://gs1.org/voc/certificationInfo"]!.length).toBeGreaterThan(0)
      const trace = set["https://gs1.org/voc/traceability"]![0]!
      expect(trace.type).toBe("application/ld+json")
      const epcis = await fetch(trace.href)
      expect(epcis.status).toBe(200)
      expect(epcis.headers.get("content-type")).toContain("application/ld+json")
      expect(((await epcis.json()) as { type?: string }).type).toBe("EPCISDocument")
    }
  })

  it("says 400 for a path that breaks GS1 syntax, 404 for an unknown lot or serial, and never caches a serial", async () => {
    for (const path of ["/01/123/10/X", "/01/08859999003010/10/MO-1", "/01/08859999003019/10", `${lotPath(oil)}/21/${"A".repeat(21)}`, "/01/08859999003019/17/261231"]) {
      const res = await get(path)
      expect(res.status, path).toBe(400)
      expect(res.headers.get("content-type")).toContain("text/html")
    }
    const json = await get("/01/123/10/X?linkType=all")
    expect(json.status).toBe(400)
    expect(await json.json()).toMatchObject({ type: "invalid_data", code: "INVALID_DIGITAL_LINK", part: "gtin" })

    expect((await get(`/01/${oil.variant!.barcode}/10/NO-SUCH-LOT`)).status).toBe(404)
    expect((await get(`${lotPath(oil)}/21/abc`)).status).toBe(404)
    expect((await get(`/01/${oil.variant!.barcode}/10/NO-SUCH-LOT`, {}, "HEAD")).status).toBe(404)

    const unitPath = new URL(oil.units[1]!.url).pathname
    const head = await get(unitPath, {}, "HEAD")
    expect(head.headers.get("cache-control")).toBe("no-store")
    expect(head.headers.get("x-robots-tag")).toContain("noindex")
    expect(head.headers.get("link")).toContain('rel="linkset"')

    const preflight = await get(unitPath, { origin: "https://example.org", "access-control-request-method": "GET" }, "OPTIONS")
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*")
    expect(preflight.headers.get("access-control-allow-methods")).toContain("HEAD")
    expect((await batch(oil.id)).units.find((u) => u.serial === oil.units[1]!.serial)!.scan_count).toBe(0)
  })

  it("describes itself at /.well-known/gs1resolver and sends /01/{gtin} to the product page", async () => {
    const res = await get("/.well-known/gs1resolver")
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ resolverRoot: app.storefrontUrl, supportedPrimaryKeys: ["01"] })
    const product = await get(`/01/${oil.variant!.barcode}`)
    expect(product.status).toBe(307)
    expect(product.headers.get("location")).toMatch(/^\/products\/mok-prai-herbal-massage-oil\?variant=/)
  })
})
