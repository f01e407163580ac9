import http from "node:http"
import os from "node:os"
import path from "node:path"
import zlib from "node:zlib"
import { formatThaiMonth, type PublicProvenance } from "@mae-mok/traceability"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../support/app"
import { logIntoAdmin } from "../support/admin-login"
import { launchChromium, transferredBytes } from "./browser"
import { adminToken } from "../support/admin-api"
import { Visitor } from "../support/storefront-visitor"

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
    await page.getByText("สแกนครั้งแรก ขอบคุณที่อุดหนุน", { exact: false }).waitFor()
    await page.getByText(oil.lot_number, { exact: true }).waitFor()
    await page.getByRole("heading", { name: "สมุนไพรในล็อตนี้" }).waitFor()
    await page.getByText("Cryptolepis dubia").first().waitFor()
    const plots = page.getByRole("region", { name: "แปลงปลูกที่ได้รับรอง" })
    await plots.getByText(/ใบรับรอง .+ เลขที่ (GAP|PGS)/).first().waitFor()
    await page.getByRole("region", { name: "สมุนไพรมาจากไหน" }).getByText(/จาก \d+ ครัวเรือน บน \d+ แปลง/).waitFor()
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

  it("puts each scan's own verdict, sold line and path into its lot's kept page, gzipped or not, whoever scans", async () => {
    const issued = (await admin<{ units: { url: string }[] }>(`/admin/batches/${oil.id}/units`, { method: "POST", body: JSON.stringify({ count: 2 }) })).units
    const [a, b] = issued.map((u) => new URL(u.url).pathname) as [string, string]
    // The bytes as sent (fetch would inflate them): gzip when asked, plain otherwise.
    const raw = (unitPath: string, headers: Record<string, string>) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http.get(app.storefrontUrl + unitPath, { headers: { accept: "text/html", ...headers } }, (res) => {
          const chunks: Buffer[] = []
          res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
        }).on("error", reject)
      })
    const gzipped = await raw(a, { "accept-encoding": "gzip" })
    expect(gzipped.headers["content-encoding"]).toBe("gzip")
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i)
    const plain = await raw(b, { "accept-encoding": "identity" })
    expect(plain.headers["content-encoding"]).toBeUndefined()
    const pages: [string, string, string][] = [
      [zlib.gunzipSync(gzipped.body).toString("utf8"), a, b],
      [plain.body.toString("utf8"), b, a],
    ]
    for (const [html, own, other] of pages) {
      expect(html).toContain(`href="${own}?lang=en"`)
      expect(html).toContain(`action="${own}#report"`)
      expect(html).not.toContain(other)
      expect(html.match(/data-testid="verdict"/g)).toHaveLength(1)
      expect(html).toContain("สแกนครั้งแรก ตรงกับบันทึกของกลุ่ม")
      expect(html).toMatch(/data-step="sold"><strong>[^<]+<\/strong> <span>ไม่มีบันทึกการขายรายชิ้น<\/span>/)
    }
    // The second scan of a, by a shopper with a cart (their own pages go another way through the page cache).
    const shopper = new Visitor(app.storefrontUrl, { ip: "198.51.100.77" })
    const product = await shopper.get("/products/mok-prai-herbal-massage-oil")
    const variant = /name="variant_id"[^>]* value="([^"]+)"/.exec(product.text)?.[1]
    expect((await shopper.post("/cart", { intent: "add", variant_id: variant!, quantity: "1" })).status).toBe(302)
    const again = await shopper.get(`${a}?lang=en`)
    expect(again.status).toBe(200)
    expect(again.text).toContain("scanned 2 times, which is normal")
    expect(again.text).toContain(`href="${a}?lang=th"`)
    expect(again.text).toContain(`action="${a}?lang=en#report"`)
    expect(again.text).toContain("no sale on record for single items")
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

describe("what a buyer reads after scanning (issue 15), in Chromium on a 390 px phone without JavaScript", () => {
  const phone = { viewport: { width: 390, height: 844 }, javaScriptEnabled: false } as const
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(os.tmpdir(), `provenance-${name}.png`), fullPage: true })

  /** The lot's public projection, as the store API gives it: what the page must say, worked out independently. */
  async function projection(b: Batch): Promise<PublicProvenance> {
    const res = await fetch(`${app.medusaUrl}/store/provenance/${b.variant!.barcode}/${b.lot_number}`, { headers: { "x-publishable-api-key": app.publishableKey } })
    expect(res.status).toBe(200)
    return ((await res.json()) as { provenance: PublicProvenance }).provenance
  }

  it("says what the scan count means and when to worry, in plain words, with a timeline, certificate checks, a village map and the group's contact", async () => {
    expect(oil.units.length, "a third oil unit, never scanned by the tests above").toBeGreaterThanOrEqual(3)
    const unit = oil.units.at(-1)!
    const p = await projection(oil)
    const context = await browser.newContext({ ...phone, locale: "th-TH" })
    const page = await context.newPage()
    expect((await page.goto(unit.url))!.status()).toBe(200)

    // 1. The verdict: what a first scan means, and when to worry.
    const verdict = page.getByTestId("verdict")
    await verdict.getByRole("heading", { name: /สแกนครั้งแรก ตรงกับบันทึกของกลุ่ม/ }).waitFor()
    await verdict.getByText("คุณเป็นคนแรกที่ตรวจฉลากชิ้นนี้", { exact: false }).waitFor()
    await verdict.getByText("เมื่อไหร่ควรสงสัย:").waitFor()
    await page.reload()
    await verdict.getByRole("heading", { name: /เคยสแกนแล้ว 2 ครั้ง ถือว่าปกติ/ }).waitFor()
    await verdict.getByText(/มีคนสแกนครั้งแรกเมื่อ .+ ถ้าคุณเพิ่งซื้อสินค้าใหม่ที่ยังไม่เปิดหลังวันนั้น/).waitFor()
    expect(await verdict.getAttribute("class")).toContain("ok")

    // 2. Plain words: no jargon, no plot codes, certification per scheme as "x of y plots" (never past 100 %).
    const main = await page.locator("main").innerText()
    expect(main).not.toContain("สมดุลวัตถุดิบ")
    for (const plot of p.plots) expect(main, `plot code ${plot.code}`).not.toContain(plot.code)
    const certified = page.getByTestId("certified-plots").getByRole("listitem")
    const schemes = [...new Set(p.plots.flatMap((pl) => pl.certifications.map((c) => c.scheme)))].sort()
    expect(schemes.length).toBeGreaterThan(0)
    await expect(certified.count()).resolves.toBe(schemes.length)
    for (const [i, scheme] of schemes.entries()) {
      const n = p.plots.filter((pl) => pl.certifications.some((c) => c.scheme === scheme)).length
      const line = await certified.nth(i).innerText()
      expect(line).toContain(`${n} จาก ${p.totals.plots} แปลง`)
      expect(line).not.toContain("%")
    }
    const cards = page.getByTestId("plot-card")
    await expect(cards.count()).resolves.toBe(p.plots.length)
    for (const [i, plot] of p.plots.entries()) {
      const card = await cards.nth(i).innerText()
      expect(card).toContain(plot.householdAlias)
      for (const latin of plot.herbs) {
        const herb = p.herbs.find((h) => h.scientificName === latin)!
        expect(card, `Thai and Latin names of ${latin}`).toContain(`${herb.thaiName} (${latin})`)
      }
    }

    // 3. The timeline: harvest → production → release → sold, months only.
    const steps = page.getByTestId("timeline").getByRole("listitem")
    await expect(steps.count()).resolves.toBe(4)
    const months = p.harvests.map((h) => h.harvestedOn).sort()
    expect(await steps.nth(0).innerText()).toContain(formatThaiMonth(months[0]!))
    expect(await steps.nth(1).innerText()).toContain(formatThaiMonth(p.batch.producedOn))
    expect(p.batch.releasedOn, "a released batch has its release day").not.toBeNull()
    expect(await steps.nth(2).innerText()).toContain(formatThaiMonth(p.batch.releasedOn!))
    expect(await steps.nth(3).innerText()).toMatch(/^ขาย\s+(ยังไม่เคยขาย|ไม่มีบันทึกการขายรายชิ้น|[ก-๙.]+ \d{4})$/)
    for (let i = 0; i < 4; i++) expect(await steps.nth(i).innerText(), "no day of the month").not.toMatch(/\b\d{1,2} [ก-๙]+\.[ก-๙]*\.? \d{4}/)

    // 4. A check link per certificate, with its issuer: GAP at the Department of Agriculture, PGS through the group.
    for (const [i, plot] of p.plots.entries()) {
      const links = cards.nth(i).getByTestId("cert-check")
      await expect(links.count()).resolves.toBe(plot.certifications.length)
      for (const [j, c] of plot.certifications.entries()) {
        const link = links.nth(j)
        // The body's Thai name ("กรมวิชาการเกษตร (Department of Agriculture)" is written Thai-first, English in brackets).
        expect(await link.innerText()).toContain(c.certifyingBody.replace(/\s*\([^()]+\)\s*$/, ""))
        expect(await link.getAttribute("href")).toBe(c.scheme === "TH-GAP" ? "https://www.doa.go.th/" : "https://line.me/R/ti/p/%40maemokherbs")
      }
    }

    // 6. The map: drawn on the server, villages of this lot's growers marked, nothing from outside.
    const map = page.getByTestId("area-map")
    await map.locator("svg").waitFor()
    const here = await map.locator('[data-here="yes"]').evaluateAll((gs) => gs.map((g) => g.getAttribute("data-village")))
    expect(new Set(here)).toEqual(new Set(p.households.map((h) => h.place.village)))
    expect(await map.innerHTML()).not.toMatch(/<image|href=|\d{2}\.\d{3,}/)

    // 7. The group's phone and LINE in the footer.
    const footer = page.getByTestId("footer-contact")
    expect(await footer.getByRole("link", { name: "054-000-000" }).getAttribute("href")).toBe("tel:054000000")
    expect(await footer.getByRole("link", { name: "LINE @maemokherbs" }).getAttribute("href")).toBe("https://line.me/R/ti/p/%40maemokherbs")
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await shot(page, "th-390")
    await context.close()
  })

  it("is all English on /en: variant, herb parts, romanised places, plurals, month names", async () => {
    const p = await projection(oil)
    const context = await browser.newContext({ ...phone, locale: "en-GB" })
    const page = await context.newPage()
    expect((await page.goto(`${app.storefrontUrl}${lotPath(oil)}?lang=en`))!.status()).toBe(200)
    const title = await page.getByRole("heading", { level: 1 }).innerText()
    expect(title).toMatch(/Mok Prai herbal massage oil \d+ ml/)
    const thai = /[\u0E00-\u0E7F]/
    for (const id of ["timeline", "certified-plots"]) expect(await page.getByTestId(id).innerText(), id).not.toMatch(thai)
    expect(await page.locator(".facts").innerText()).not.toMatch(thai)
    const balance = await page.getByRole("region", { name: "Where the herbs came from" }).locator("p").first().innerText()
    const noun = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`
    expect(balance).toContain(`from ${noun(p.totals.households, "household")} on ${noun(p.totals.plots, "plot")}`)
    const herbs = await page.getByRole("region", { name: "Herbs in this lot" }).innerText()
    expect(herbs).toMatch(/· stem ·/)
    expect(herbs).not.toContain("เถา ·")
    const plots = await page.getByRole("region", { name: "Certified plots" }).innerText()
    expect(plots).toContain("Ban Mae Mok (Moo 3), Tambon Mae Mok, Amphoe Thoen, Lampang")
    expect(plots).not.toMatch(/ต\.|อ\.|จ\.|แม่มอก,/)
    expect(await page.getByTestId("timeline").innerText()).toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/)
    await page.getByTestId("footer-contact").getByRole("link", { name: "LINE @maemokherbs" }).waitFor()
    await shot(page, "en-390")
    await page.setViewportSize({ width: 1280, height: 900 })
    await shot(page, "en-1280")
    await context.close()
  })

  it("takes a 'suspicious label' report without JavaScript, stores it for the group, lists it in the admin and throttles a flood", async () => {
    const unit = oil.units.at(-1)!
    const context = await browser.newContext({ ...phone, locale: "th-TH" })
    const page = await context.newPage()
    await page.goto(unit.url)
    const before = (await batch(oil.id)).units.find((u) => u.serial === unit.serial)!.scan_count
    const form = page.getByTestId("report")
    // Nothing typed: the form comes back with a plain Thai message, the choice kept.
    await form.getByLabel("ฉลากหรือขวดดูต่างจากปกติ").check()
    await form.locator("textarea").evaluate((t) => t.removeAttribute("required"))
    await form.getByRole("button", { name: "ส่งเรื่องให้กลุ่ม" }).click()
    await page.getByTestId("report").getByRole("alert").getByText("โปรดเล่าสิ่งที่คุณเห็นสั้น ๆ").waitFor()
    const message = `ฝาขวดไม่มีซีล ทดสอบ ${Date.now()}`
    await page.getByTestId("report").getByLabel("ได้รับสินค้าที่ถูกเปิดแล้ว").check()
    await page.getByTestId("report").getByLabel(/เล่าให้เราฟัง/).fill(message)
    await page.getByTestId("report").getByLabel(/ซื้อจากที่ไหน/).fill("ตลาดนัดเถิน")
    await page.getByTestId("report").getByLabel(/เบอร์โทรหรืออีเมล/).fill("089-000-1111")
    await page.getByTestId("report").getByRole("button", { name: "ส่งเรื่องให้กลุ่ม" }).click()
    await page.getByTestId("report").getByRole("status").getByText("ได้รับเรื่องแล้ว ขอบคุณที่แจ้ง", { exact: false }).waitFor()
    // The thanks page is the lot's, so reporting counts no extra scan of the unit.
    expect(new URL(page.url()).pathname).toBe(lotPath(oil))
    expect((await batch(oil.id)).units.find((u) => u.serial === unit.serial)!.scan_count).toBe(before)
    await shot(page, "report-sent-390")

    type Report = { gtin: string; lot: string; serial: string | null; batch_id: string | null; reason: string; message: string; where_bought: string | null; contact: string | null }
    const { label_reports } = await admin<{ label_reports: Report[] }>("/admin/label-reports")
    expect(label_reports[0]).toMatchObject({
      gtin: oil.variant!.barcode,
      lot: oil.lot_number,
      serial: unit.serial,
      batch_id: oil.id,
      reason: "bought_unsealed",
      message,
      where_bought: "ตลาดนัดเถิน",
      contact: "089-000-1111",
    })
    expect((await fetch(`${app.medusaUrl}/admin/label-reports`)).status).toBe(401)
    // The store route takes reports only from the storefront.
    const direct = await fetch(`${app.medusaUrl}/store/provenance/reports`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-publishable-api-key": app.publishableKey },
      body: JSON.stringify({ gtin: oil.variant!.barcode, lot: oil.lot_number, reason: "other", message: "x" }),
    })
    expect(direct.status).toBeGreaterThanOrEqual(400)
    expect(direct.status).toBeLessThan(500)

    // A member reads it in the admin (desktop, then phone) and marks it handled with a note.
    const reportId = (label_reports[0] as Report & { id: string }).id
    expect(label_reports[0]).toMatchObject({ unit_scan_count: before, handled_at: null })
    const member = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "th-TH" })
    const tab = await member.newPage()
    await logIntoAdmin(tab, app.medusaUrl)
    await tab.goto(`${app.medusaUrl}/app/traceability/scans`)
    await tab.getByRole("navigation", { name: "ตรวจสอบย้อนกลับ" }).getByRole("link", { name: "เรื่องแจ้งฉลาก" }).click()
    await tab.getByRole("heading", { level: 1, name: "เรื่องแจ้งฉลากน่าสงสัย" }).waitFor()
    const card = tab.getByTestId("label-report").first()
    await card.getByText(message).waitFor({ timeout: 20_000 })
    const text = await card.innerText()
    for (const part of ["รอจัดการ", "ได้รับสินค้าที่ถูกเปิดแล้ว", unit.serial, oil.lot_number, "ตลาดนัดเถิน", "089-000-1111", `สแกน ${before} ครั้ง`]) expect(text).toContain(part)
    await shot(tab, "admin-label-report-1280")
    await card.getByLabel("ได้ทำอะไรไปแล้ว").fill("โทรคุยกับผู้ซื้อแล้ว ส่งขวดใหม่ให้")
    await card.getByRole("button", { name: "บันทึกว่าจัดการแล้ว" }).click()
    await card.getByTestId("report-handled").getByText(/จัดการแล้วโดย .+: โทรคุยกับผู้ซื้อแล้ว ส่งขวดใหม่ให้/).waitFor({ timeout: 20_000 })
    await tab.setViewportSize({ width: 390, height: 844 })
    await tab.reload()
    await tab.getByTestId("label-report").first().getByTestId("report-handled").waitFor({ timeout: 20_000 })
    expect(await tab.getByTestId("label-report").first().innerText()).toContain("จัดการแล้ว")
    expect(await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await shot(tab, "admin-label-report-390")
    await member.close()
    const handled = (await admin<{ label_reports: (Report & { id: string; handled_at: string | null; handled_by: string | null; handled_note: string | null })[] }>("/admin/label-reports")).label_reports.find((r) => r.id === reportId)!
    expect(handled.handled_at).not.toBeNull()
    expect(handled.handled_by).toMatch(/^user_/)
    expect(handled.handled_note).toBe("โทรคุยกับผู้ซื้อแล้ว ส่งขวดใหม่ให้")
    // Handled once: a second note is refused (the first is the record), as are an empty note and an unknown report.
    const mark = (id: string, body: unknown) =>
      fetch(`${app.medusaUrl}/admin/label-reports/${id}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) })
    const again = await mark(reportId, { note: "อีกครั้ง" })
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ code: "ALREADY_HANDLED", message_th: "เรื่องนี้บันทึกว่าจัดการแล้ว" })
    expect((await mark(reportId, { note: "  " })).status).toBe(400)
    const unknown = await mark("lrep_nope", { note: "x" })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ code: "NOT_FOUND" })

    // A flood from one network: REPORT_LIMIT_PER_IP (5 an hour) and then a plain "try again later", nothing stored.
    let answer = 0
    for (let i = 0; i < 5 && answer !== 429; i++) {
      // The first from an unknown code's page (where a report matters most), the rest from the lot's page.
      await page.goto(`${app.storefrontUrl}${lotPath(oil)}${i === 0 ? "/21/ZZZZZZZZZZZZZZZZ" : ""}`)
      await page.getByTestId("report").getByLabel(/เล่าให้เราฟัง/).fill(`flood ${i}`)
      const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByTestId("report").getByRole("button", { name: "ส่งเรื่องให้กลุ่ม" }).click()])
      answer = res.status()
    }
    expect(answer).toBe(429)
    await page.getByTestId("report").getByRole("alert").getByText(/ส่งเรื่องหลายครั้งเกินไป โปรดลองใหม่ในอีก \d+ นาที/).waitFor()
    const after = (await admin<{ label_reports: Report[] }>("/admin/label-reports")).label_reports
    expect(after.filter((r) => r.message.startsWith("flood")).length).toBe(4)
    expect(after.find((r) => r.message === "flood 0")).toMatchObject({ serial: "ZZZZZZZZZZZZZZZZ", batch_id: oil.id, reason: "label_looks_different" })
    expect(after.find((r) => r.message === "flood 1")).toMatchObject({ serial: null, lot: oil.lot_number })
    await context.close()
  })
})
