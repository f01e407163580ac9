import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { PNG } from "pngjs"
import { describe, expect, it } from "vitest"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../support/admin-login"
import { pdfQrCodes, pdfText } from "../support/pdf"
import { expectNoPrivateKeys, expectNoPrivateValues, loadSeedPhotos, type PublicResponse } from "../support/privacy"
import { cspViolations, transferredBytes, thaiAdminContext } from "./browser"
import { browserSuite, phone } from "./suite"

// Herb pages, the knowledge e-book and its PDF (issue 16), on the seeded shop: the store API, the pages in
// Chromium with JavaScript off, editing through the admin API, and the PDF read back with pdftotext.

const suite = browserSuite()
let api: AdminApi | null = null
const admin = async () => (api ??= adminApi(suite.app.medusaUrl, await adminToken(suite.app.medusaUrl)))

async function store(p: string): Promise<{ status: number; text: string; body: Json }> {
  const res = await fetch(`${suite.app.medusaUrl}${p}`, { headers: { "x-publishable-api-key": suite.app.publishableKey } })
  const text = await res.text()
  return { status: res.status, text, body: text.startsWith("{") ? JSON.parse(text) : {} }
}

async function page(p: string): Promise<PublicResponse> {
  const res = await fetch(suite.app.storefrontUrl + p)
  return { label: p, status: res.status, body: await res.text() }
}

describe("store herb API", () => {
  it("lists the seeded herbs with the products made from them", async () => {
    const { status, body } = await store("/store/herbs")
    expect(status).toBe(200)
    expect(body.herbs.map((h: Json) => h.slug).sort()).toEqual(["phak-sian-phi", "phet-sangkhat", "thao-en-on"])
    const vine = body.herbs.find((h: Json) => h.slug === "thao-en-on")
    expect(vine.names).toEqual({ th: "เถาเอ็นอ่อน", en: "Cryptolepis vine", local: "เครือเอ็นอ่อน", scientific: "Cryptolepis dubia" })
    expect(vine.products).toContain("mok-prai-herbal-massage-oil")
    expect(body.note.th).toContain("ไม่ใช่คำแนะนำทางการแพทย์")
  })

  it("answers one herb with sources, consented healer names, certified plots by alias only", async () => {
    const { status, body } = await store("/store/herbs/thao-en-on")
    expect(status).toBe(200)
    const herb = body.herb
    expect(herb.uses.length).toBeGreaterThan(0)
    for (const use of herb.uses) expect(["healer", "book", "study", "group"]).toContain(use.source.kind)
    // MM-H-017 agreed to show her given name.
    expect(herb.uses[0].source.healer).toBe("แก้ว")
    expect(herb.uses[0].source.healerEn, "her romanised given name, under the same consent").toBe("Kaew")
    expect(herb.plots.length).toBeGreaterThan(0)
    for (const plot of herb.plots) {
      expect(Object.keys(plot).sort()).toEqual(["certifications", "code", "householdAlias", "householdAliasEn", "place"])
      expect(plot.certifications.length).toBeGreaterThan(0)
    }
    expect(herb.sameAs).toContain("https://en.wikipedia.org/wiki/Cryptolepis_dubia")
    expect(body.html.cautions.th).toContain("<li>")
  })

  it("refuses an unknown or malformed slug with 404 in both languages", async () => {
    for (const slug of ["no-such-herb", "Bad%20Slug", "x".repeat(80)]) {
      const { status, body } = await store(`/store/herbs/${slug}`)
      expect(status).toBe(404)
      expect(body).toMatchObject({ code: "HERB_NOT_FOUND" })
      expect(body.message_th).toContain("ไม่พบ")
    }
  })
})

describe("editing a herb page in the admin API", () => {
  it("needs an admin", async () => {
    const res = await fetch(`${suite.app.medusaUrl}/admin/herb-pages`)
    expect(res.status).toBe(401)
  })

  it("saves Thai and English side by side; Markdown reaches the shop sanitised", async () => {
    const a = await admin()
    const { herb_pages } = await a.ok("GET", "/admin/herb-pages")
    const row = herb_pages.find((p: Json) => p.slug === "phet-sangkhat")
    const { id, species_id: _s, created_at: _c, updated_at: _u, deleted_at: _d, created_by: _cb, updated_by: _ub, ...fields } = row
    const edited = {
      ...fields,
      preparation_th: "ตัดเถาเป็นท่อน **ตากให้แห้ง** <script>alert(1)</script> [ลิงก์](javascript:alert(1))",
      preparation_en: "Cut into pieces and **dry them**. <img src=x onerror=alert(1)> [more](https://en.wikipedia.org/wiki/Cissus_quadrangularis)",
    }
    const saved = await a.ok("POST", `/admin/herb-pages/${id}`, edited)
    expect(saved.herb_page.preparation_en).toContain("**dry them**")
    const { body } = await store("/store/herbs/phet-sangkhat")
    expect(body.html.preparation.th).toContain("<strong>ตากให้แห้ง</strong>")
    // Raw HTML stays text and the javascript: link is no link.
    expect(body.html.preparation.th).not.toMatch(/<script|href="javascript:/)
    expect(body.html.preparation.th).toContain("&lt;script&gt;")
    expect(body.html.preparation.en).not.toMatch(/<img/)
    expect(body.html.preparation.en).toContain("&lt;img")
    expect(body.html.preparation.en).toContain('href="https://en.wikipedia.org/wiki/Cissus_quadrangularis"')
    // The shop shows the edit (the page cache follows the content stamp).
    await expect.poll(async () => (await page("/en/herbs/phet-sangkhat")).body, { timeout: 15_000 }).toContain("<strong>dry them</strong>")
  })

  it("refuses cure claims and names without consent, changing nothing", async () => {
    const a = await admin()
    const { herb_pages } = await a.ok("GET", "/admin/herb-pages")
    const row = herb_pages.find((p: Json) => p.slug === "thao-en-on")
    const { id, species_id: _s, created_at: _c, updated_at: _u, deleted_at: _d, created_by: _cb, updated_by: _ub, ...fields } = row
    const cure = await a.call("POST", `/admin/herb-pages/${id}`, { ...fields, cautions_en: "This vine cures arthritis." })
    expect(cure.status).toBe(400)
    expect(cure.body).toMatchObject({ code: "CURE_CLAIM" })
    expect(cure.body.message).toContain("cures")
    expect(cure.body.message_th).toContain("รักษา")
    const thai = await a.call("POST", `/admin/herb-pages/${id}`, { ...fields, preparation_th: "ต้มดื่มแล้วหายขาดจากโรคปวดข้อ" })
    expect(thai.body).toMatchObject({ code: "CURE_CLAIM" })
    // MM-H-031's given name (no consent) written into the text.
    const named = await a.call("POST", `/admin/herb-pages/${id}`, { ...fields, preparation_th: "สูตรของป้าบุญเรือน" })
    expect(named.status).toBe(400)
    expect(named.body).toMatchObject({ code: "HOUSEHOLD_NAMED" })
    const noSource = await a.call("POST", `/admin/herb-pages/${id}`, { ...fields, uses: [{ th: "ใช้นวด", en: "For massage" }] })
    expect(noSource.status).toBe(400)
    const after = await a.ok("GET", `/admin/herb-pages/${id}`)
    expect(after.herb_page.cautions_en).toBe(row.cautions_en)
    expect(after.herb_page.preparation_th).toBe(row.preparation_th)
  })
})

describe("editing the group's recipes in the admin API", () => {
  it("needs an admin, refuses bad input with 4xx and changing nothing, and shows only published recipes", async () => {
    expect((await fetch(`${suite.app.medusaUrl}/admin/herb-recipes`)).status).toBe(401)
    const a = await admin()
    const { herb_recipes } = await a.ok("GET", "/admin/herb-recipes")
    const seeded = herb_recipes[0]
    expect(seeded).toBeDefined()
    const { id, created_at: _c, updated_at: _u, deleted_at: _d, created_by: _cb, updated_by: _ub, ...fields } = seeded
    expect((await a.call("POST", "/admin/herb-recipes", { ...fields })).status).toBe(409)
    expect((await a.call("POST", "/admin/herb-recipes", { ...fields, slug: "Not A Slug" })).body).toMatchObject({ code: "INVALID_SLUG" })
    expect((await a.call("POST", "/admin/herb-recipes", { ...fields, slug: "x", source_en: "" })).status).toBe(400)
    expect((await a.call("POST", `/admin/herb-recipes/${id}`, { ...fields, extra: 1 })).status).toBe(400)
    expect((await a.call("POST", "/admin/herb-recipes/hrc_nope", fields)).status).toBe(404)

    await a.ok("POST", `/admin/herb-recipes/${id}`, { ...fields, published: false })
    try {
      expect((await store("/store/knowledge")).body.recipes.some((r: Json) => r.slug === fields.slug)).toBe(false)
    } finally {
      await a.ok("POST", `/admin/herb-recipes/${id}`, fields)
    }
    expect((await store("/store/knowledge")).body.recipes.some((r: Json) => r.slug === fields.slug)).toBe(true)
  })
})

describe("herb pages in Chromium (JavaScript off)", () => {
  it("opens a herb page from a provenance page and from a product page, in Thai and English", async () => {
    const a = await admin()
    const { batches } = await a.ok("GET", "/admin/batches?status=released")
    const oil = batches.find((b: Json) => b.lot_number.startsWith("MO"))
    const context = await suite.browser.newContext({ ...phone, javaScriptEnabled: false })
    const tab = await context.newPage()

    await tab.goto(`${suite.app.storefrontUrl}/01/${oil.variant.barcode}/10/${oil.lot_number}`)
    await tab.getByRole("link", { name: "เถาเอ็นอ่อน" }).click()
    await tab.waitForURL(/\/herbs\/thao-en-on$/)
    await tab.getByRole("heading", { level: 1, name: /เถาเอ็นอ่อน/ }).waitFor()
    expect(await tab.getByRole("note").first().textContent()).toContain("ไม่ใช่คำแนะนำทางการแพทย์")
    await tab.getByRole("heading", { name: "แปลงที่ได้รับรองซึ่งปลูกสมุนไพรนี้" }).waitFor()
    expect(await tab.locator("main").textContent()).toContain("สวนเถาเอ็นริมห้วย")
    await tab.screenshot({ path: path.join(os.tmpdir(), "herb-th-360.png"), fullPage: true })

    // The English page names the herb in English (issue 15).
    await tab.goto(`${suite.app.storefrontUrl}/01/${oil.variant.barcode}/10/${oil.lot_number}?lang=en`)
    await tab.getByRole("link", { name: "Cryptolepis vine" }).click()
    await tab.waitForURL(/\/en\/herbs\/thao-en-on$/)
    await tab.getByRole("heading", { level: 1, name: /Cryptolepis vine/ }).waitFor()
    expect(await tab.locator("main").textContent()).toContain("not medical advice")

    await tab.goto(`${suite.app.storefrontUrl}/en/products/mok-prai-herbal-massage-oil`)
    await tab.getByRole("link", { name: "Asian spiderflower" }).click()
    await tab.waitForURL(/\/en\/herbs\/phak-sian-phi$/)
    await tab.getByRole("link", { name: /Mok Prai/ }).first().waitFor()

    const desktop = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    const wide = await desktop.newPage()
    await wide.goto(`${suite.app.storefrontUrl}/herbs/thao-en-on`)
    await wide.screenshot({ path: path.join(os.tmpdir(), "herb-th-1280.png"), fullPage: true })
    await desktop.close()
    await context.close()
    expect(cspViolations(suite.browser)).toEqual([])
  })

  it("lists every herb on /herbs, each leading to its page, and links the book", async () => {
    const context = await suite.browser.newContext({ ...phone, javaScriptEnabled: false })
    const tab = await context.newPage()
    await tab.goto(`${suite.app.storefrontUrl}/en/herbs`)
    await tab.getByRole("heading", { level: 1, name: "The group's herbs" }).waitFor()
    const links = tab.locator(".herb-list a")
    expect(await links.count()).toBe(3)
    await tab.screenshot({ path: path.join(os.tmpdir(), "herbs-en-390.png"), fullPage: true })
    await links.filter({ hasText: "Cryptolepis dubia" }).click()
    await tab.waitForURL(/\/en\/herbs\/thao-en-on$/)
    await tab.goto(`${suite.app.storefrontUrl}/herbs`)
    await tab.getByRole("link", { name: /เล่มภูมิปัญญา/ }).click()
    await tab.waitForURL(/\/knowledge$/)
    const sitemap = await (await fetch(`${suite.app.storefrontUrl}/sitemap.xml`)).text()
    expect(sitemap).toContain(`<loc>${suite.app.storefrontUrl}/en/herbs/phet-sangkhat</loc>`)
    expect(sitemap).toContain(`<loc>${suite.app.storefrontUrl}/herbs</loc>`)
    await context.close()
    expect(cspViolations(suite.browser)).toEqual([])
  })

  it("keeps herb pages light", async () => {
    const context = await suite.browser.newContext({ ...phone })
    const tab = await context.newPage()
    const first = await transferredBytes(tab, `${suite.app.storefrontUrl}/herbs/thao-en-on`)
    expect(first.status).toBe(200)
    console.log(`herb page, first visit: ${(first.bytes / 1024).toFixed(1)} KB transferred`)
    // A reading page ships no JavaScript; the same budget as the provenance page a buyer comes from.
    expect(first.bytes).toBeLessThanOrEqual(100 * 1024)
    expect(await tab.locator("script[src]").count()).toBe(0)
    await context.close()
  })

  it("shares with plain LINE and Facebook links, Open Graph and Twitter cards, and JSON-LD with sameAs", async () => {
    const { body } = await page("/en/herbs/thao-en-on")
    const url = `${suite.app.storefrontUrl}/en/herbs/thao-en-on`
    expect(body).toContain(`href="https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(url)}"`)
    expect(body).toContain(`href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}"`)
    expect(body).toMatch(/<meta property="og:title" content="Cryptolepis vine \(Cryptolepis dubia\)/)
    expect(body).toContain(`<meta property="og:url" content="${url}"`)
    expect(body).toMatch(/<meta name="twitter:card" content="summary/)
    // No third-party script on the page.
    for (const src of body.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) expect(src[1]!.startsWith("/")).toBe(true)
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)![1]!)
    expect(ld["@type"]).toBe("Article")
    expect(ld.about.sameAs).toContain("https://en.wikipedia.org/wiki/Cryptolepis_dubia")
  })

  it("gives product and herb pages a generated 1200 × 630 share image that follows the content", async () => {
    const shareImage = async (pagePath: string) => {
      const { body } = await page(pagePath)
      const og = /<meta property="og:image" content="([^"]+)"/.exec(body)?.[1]
      expect(og, pagePath).toBeDefined()
      expect(body).toContain(`<meta name="twitter:image" content="${og}"`)
      expect(body).toMatch(/<meta name="twitter:card" content="summary_large_image"/)
      const res = await fetch(og!.replaceAll("&amp;", "&"))
      expect(res.status, og).toBe(200)
      expect(res.headers.get("content-type")).toBe("image/png")
      const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()))
      expect([png.width, png.height]).toEqual([1200, 630])
      return { url: og!, png }
    }
    const herb = await shareImage("/en/herbs/thao-en-on")
    expect(herb.url).toBe(`${suite.app.storefrontUrl}/en/share/herbs/thao-en-on.png`)
    const product = await shareImage("/products/mok-prai-herbal-massage-oil")
    expect(product.url).toBe(`${suite.app.storefrontUrl}/share/products/mok-prai-herbal-massage-oil.png`)
    fs.writeFileSync(path.join(os.tmpdir(), "share-product-th.png"), PNG.sync.write(product.png))
    // Not a blank canvas: the card's text and colours make many distinct pixels.
    const colours = new Set<number>()
    for (let i = 0; i < product.png.data.length; i += 4 * 97) colours.add(product.png.data.readUInt32BE(i))
    expect(colours.size).toBeGreaterThan(50)

    // A title change draws a new picture (one per content stamp).
    const api = await admin()
    const [p] = (await api.ok("GET", "/admin/products?handle=mok-prai-herbal-massage-oil&fields=id,title")).products as Json[]
    const before = Buffer.from(PNG.sync.write(product.png))
    await api.ok("POST", `/admin/products/${p!.id}`, { title: `${p!.title} ใหม่` })
    try {
      let after = before
      for (let i = 0; i < 40 && after.equals(before); i++) {
        await new Promise((r) => setTimeout(r, 250))
        const res = await fetch(product.url)
        after = Buffer.from(PNG.sync.write(PNG.sync.read(Buffer.from(await res.arrayBuffer()))))
      }
      expect(after.equals(before)).toBe(false)
    } finally {
      await api.ok("POST", `/admin/products/${p!.id}`, { title: p!.title })
    }

    for (const bad of ["/share/products/no-such-product.png", "/share/orders/x.png", "/share/herbs/thao-en-on.jpg", "/xx/share/herbs/thao-en-on.png"]) {
      expect((await fetch(suite.app.storefrontUrl + bad)).status, bad).toBe(404)
    }
    expect((await store("/store/share-images/orders/x")).status).toBe(400)
  })

  it("shows the knowledge book and leaks nothing private on any herb page", async () => {
    const photos = await loadSeedPhotos(suite.app.db.url)
    const responses: PublicResponse[] = []
    for (const p of ["/knowledge", "/en/knowledge", "/herbs", "/en/herbs", "/herbs/thao-en-on", "/en/herbs/thao-en-on", "/herbs/phak-sian-phi", "/herbs/phet-sangkhat"]) {
      const r = await page(p)
      expect(r.status, p).toBe(200)
      responses.push(r)
    }
    for (const p of ["/store/herbs", "/store/herbs/thao-en-on", "/store/herbs/phak-sian-phi", "/store/herbs/phet-sangkhat", "/store/knowledge"]) {
      const r = await store(p)
      responses.push({ label: p, status: r.status, body: r.text })
    }
    expect(responses[0]!.body).toContain("ตำรับน้ำมันนวดสมุนไพรหมอกไพร")
    expect(responses[1]!.body).toContain("The Mok Prai herbal massage oil")
    expectNoPrivateValues(responses, photos)
    expectNoPrivateKeys(responses.filter((r) => r.label.startsWith("/store")))
  })
})

describe("the knowledge e-book PDF", () => {
  it("prints Thai intact and broken between words, with the standing note; English too", async () => {
    const res = await fetch(`${suite.app.storefrontUrl}/knowledge/pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("application/pdf")
    const text = pdfText(Buffer.from(await res.arrayBuffer()))
    expect(text).not.toMatch(/[\u200b\u2060]/)
    const bare = text.replace(/\s+/g, "")
    for (const words of ["เถาเอ็นอ่อน", "เพชรสังฆาต", "ผักเสี้ยนผี", "ตำรับน้ำมันนวดสมุนไพรหมอกไพร", "ไม่ใช่คำแนะนำทางการแพทย์", "ข้อควรระวัง"]) {
      expect(bare, words).toContain(words)
    }
    // No line starts with a mark that belongs to the previous letter (a cluster split across lines).
    for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
      expect(line, `line "${line}"`).not.toMatch(/^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/)
    }
    // Lines end between words: every Thai line break falls on an Intl.Segmenter word boundary of the text.
    const thaiLines = text.split("\n").map((l) => l.trim()).filter((l) => /[\u0e00-\u0e7f]$/.test(l))
    const segmenter = new Intl.Segmenter("th", { granularity: "word" })
    let checked = 0
    for (const [i, line] of thaiLines.entries()) {
      const next = text.split("\n").map((l) => l.trim())[text.split("\n").map((l) => l.trim()).indexOf(line) + 1] ?? ""
      if (!/^[\u0e00-\u0e7f]/.test(next) || i > 40) continue
      const joined = line + next
      const boundaries = new Set([...segmenter.segment(joined)].map((s) => s.index))
      expect(boundaries.has(line.length), `"${line.slice(-8)}|${next.slice(0, 8)}" splits a word`).toBe(true)
      checked++
    }
    expect(checked).toBeGreaterThan(3)

    const en = await fetch(`${suite.app.storefrontUrl}/en/knowledge/pdf`)
    expect(en.status).toBe(200)
    const enText = pdfText(Buffer.from(await en.arrayBuffer())).replace(/\s+/g, " ")
    expect(enText).toContain("not medical advice")
    expect(enText).toContain("The Mok Prai herbal massage oil")
  })
})

describe("the A4 e-catalogue PDF", () => {
  it("prints the live catalogue: names, sizes, prices incl. VAT, GTINs, contact and LINE; QR codes open the product pages", async () => {
    const res = await fetch(`${suite.app.storefrontUrl}/catalogue/pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("application/pdf")
    const pdf = Buffer.from(await res.arrayBuffer())
    const text = pdfText(pdf)
    expect(text).not.toMatch(/[\u200b\u2060]/)
    const flat = text.replace(/\s+/g, "")

    // The live prices, as the store API gives them to the shop.
    const regions = await store("/store/regions")
    const region = regions.body.regions.find((r: Json) => r.currency_code === "thb")
    const live = await store(`/store/products?region_id=${region.id}&fields=handle,title,*variants,*variants.calculated_price,+variants.barcode&limit=50`)
    const products = live.body.products as Json[]
    expect(products.length).toBeGreaterThan(1)
    for (const p of products) {
      expect(flat, p.title).toContain(p.title.replace(/\s+/g, ""))
      for (const v of p.variants) {
        const amount = v.calculated_price.calculated_amount as number
        expect(flat, `${p.handle} ${v.title} price`).toContain(`฿${amount.toLocaleString("en-US")}`)
        expect(flat, `${p.handle} ${v.title} size`).toContain(String(v.title).replace(/\s+/g, ""))
        if (v.barcode) expect(flat).toContain(`GTIN${String(v.barcode).padStart(14, "0")}`)
      }
    }
    expect(flat).toContain("LINE@maemokherbs")
    expect(flat).toContain("รวมVAT")

    // Every QR decodes to a product page of this shop that opens.
    const codes = pdfQrCodes(pdf)
    expect(codes.sort()).toEqual(products.map((p) => `${suite.app.storefrontUrl}/products/${p.handle}`).sort())
    // …opened as a phone would, in Chromium.
    const context = await suite.browser.newContext({ ...phone })
    const tab = await context.newPage()
    for (const url of codes) {
      const response = await tab.goto(url)
      expect(response?.status(), url).toBe(200)
      await tab.getByRole("heading", { level: 1 }).waitFor()
    }
    await context.close()

    // A price change shows in the next download.
    const a = await admin()
    const variant = products[0]!.variants[0]!
    const { variant: full } = await a.ok("GET", `/admin/products/${products[0]!.id}/variants/${variant.id}?fields=*prices`)
    const thb = full.prices.find((x: Json) => x.currency_code === "thb")
    await a.ok("POST", `/admin/products/${products[0]!.id}/variants/${variant.id}`, { prices: [{ id: thb.id, currency_code: "thb", amount: 4321 }] })
    await expect
      .poll(async () => pdfText(Buffer.from(await (await fetch(`${suite.app.storefrontUrl}/catalogue/pdf`)).arrayBuffer())).replace(/\s+/g, ""), { timeout: 30_000, interval: 2000 })
      .toContain("฿4,321")
  })

  it("is downloadable from the admin (for admins only)", async () => {
    expect((await fetch(`${suite.app.medusaUrl}/admin/catalogue/pdf`)).status).toBe(401)
    const res = await (await admin()).raw("/admin/catalogue/pdf")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("application/pdf")
    expect(pdfText(Buffer.from(await res.arrayBuffer()))).toContain("Mae Mok")
  })
})

describe("the admin in Chromium", () => {
  it("edits a herb page and a recipe with Thai and English side by side, shows refusals in Thai, and offers the e-catalogue", async () => {
    const a = await admin()
    const context = await thaiAdminContext(suite.browser)
    const tab = await context.newPage()
    const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 250 })
    await tab.goto(`${suite.app.medusaUrl}/app/login`)
    await tab.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await tab.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await tab.locator('button[type="submit"]').click()
    await tab.waitForURL((url) => !url.pathname.endsWith("/login"))

    await tab.goto(`${suite.app.medusaUrl}/app/traceability/herb-pages`)
    const species = tab.getByLabel("เลือกสมุนไพร")
    await eventually(() => species.locator("option").count()).toBeGreaterThan(3)
    const value = await species.locator("option", { hasText: "ผักเสี้ยนผี" }).getAttribute("value")
    await species.selectOption(value!)
    const herbForm = tab.getByRole("form", { name: "หน้าความรู้สมุนไพร" })
    const nameEn = tab.getByLabel("ชื่อ · ภาษาอังกฤษ", { exact: true })
    await eventually(() => nameEn.inputValue()).toBe("Asian spiderflower")
    expect(await tab.getByLabel("ชื่อ · ภาษาไทย", { exact: true }).inputValue()).toBe("ผักเสี้ยนผี")
    await tab.screenshot({ path: path.join(os.tmpdir(), "admin-herb-page.png"), fullPage: true })

    // A cure claim is refused, in Thai, and nothing is saved.
    await tab.getByLabel("ข้อควรระวังและผู้ที่ไม่ควรใช้ (Markdown) · ภาษาอังกฤษ", { exact: true }).fill("It cures gout.")
    await herbForm.getByRole("button", { name: "บันทึก", exact: true }).click()
    await eventually(() => tab.getByRole("alert").first().textContent()).toContain("รักษา")

    await tab.getByLabel("ข้อควรระวังและผู้ที่ไม่ควรใช้ (Markdown) · ภาษาอังกฤษ", { exact: true }).fill("For external use only.")
    await nameEn.fill("Asian spider flower")
    await herbForm.getByRole("button", { name: "บันทึก", exact: true }).click()
    await eventually(async () => (await store("/store/herbs/phak-sian-phi")).body.herb?.names.en).toBe("Asian spider flower")
    expect((await store("/store/herbs/phak-sian-phi")).body.herb.cautions.en).toBe("For external use only.")

    // The group's recipes: a new one is refused with a cure claim, then saved and printed in the book.
    const recipeForm = tab.getByRole("form", { name: "ตำรับของกลุ่ม" })
    await tab.getByLabel("เลือกตำรับ").selectOption("")
    await recipeForm.getByLabel("ที่อยู่หน้าเว็บ (a-z, 0-9, -)").fill("ya-phok-samunphrai")
    await recipeForm.getByLabel("ชื่อตำรับ · ภาษาไทย").fill("ลูกประคบสมุนไพรเถาเอ็นอ่อน")
    await recipeForm.getByLabel("ชื่อตำรับ · ภาษาอังกฤษ").fill("Cryptolepis herbal compress")
    await recipeForm.getByLabel(/เนื้อหาตำรับ.*ภาษาไทย/).fill("- เถาเอ็นอ่อนสับ 200 กรัม\n- **นึ่ง** 15 นาที แล้วประคบ")
    await recipeForm.getByLabel(/เนื้อหาตำรับ.*ภาษาอังกฤษ/).fill("It cures arthritis.")
    await recipeForm.getByLabel("ที่มาของตำรับ · ภาษาไทย").fill("บันทึกของกลุ่ม")
    await recipeForm.getByLabel("ที่มาของตำรับ · ภาษาอังกฤษ").fill("The group's own notes")
    await recipeForm.getByLabel("เผยแพร่ในร้าน").check()
    await recipeForm.getByRole("button", { name: "บันทึก", exact: true }).click()
    await eventually(() => recipeForm.getByRole("alert").first().textContent()).toContain("รักษา")
    expect((await a.ok("GET", "/admin/herb-recipes")).herb_recipes.some((r: Json) => r.slug === "ya-phok-samunphrai")).toBe(false)
    await recipeForm.getByLabel(/เนื้อหาตำรับ.*ภาษาอังกฤษ/).fill("- 200 g chopped vine\n- **Steam** for 15 minutes, then press on the skin")
    await recipeForm.getByRole("button", { name: "บันทึก", exact: true }).click()
    await eventually(async () => (await store("/store/knowledge")).body.recipes?.map((r: Json) => r.slug)).toContain("ya-phok-samunphrai")
    const recipe = (await store("/store/knowledge")).body.recipes.find((r: Json) => r.slug === "ya-phok-samunphrai")
    expect(recipe.html.th).toContain("<strong>นึ่ง</strong>")
    expect(recipe.html.en).toContain("<strong>Steam</strong>")
    await tab.screenshot({ path: path.join(os.tmpdir(), "admin-herb-recipe.png"), fullPage: true })
    await eventually(async () => (await page("/en/knowledge")).body).toContain("Cryptolepis herbal compress")

    await tab.goto(`${suite.app.medusaUrl}/app/products`)
    const link = tab.getByTestId("e-catalogue-link")
    await link.waitFor({ timeout: 30_000 })
    const [download] = await Promise.all([tab.waitForEvent("download"), link.click()])
    const file = await download.path()
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe("%PDF-")
    await context.close()
  })
})

describe("product videos", () => {
  it("load nothing until asked, then play with Thai captions on; captions come from the shop's own origin", async () => {
    const context = await suite.browser.newContext({ ...phone })
    const tab = await context.newPage()
    const media: string[] = []
    tab.on("request", (r) => {
      if (/\.(webm|mp4|vtt)$|poster|\/captions\//.test(r.url())) media.push(r.url())
    })
    await tab.goto(`${suite.app.storefrontUrl}/products/mok-prai-herbal-massage-oil`)
    await tab.waitForLoadState("networkidle")
    // Hydrated: the link now opens the player instead of the file.
    await tab.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true)
    const play = tab.getByRole("link", { name: /เล่นวิดีโอ/ })
    await play.waitFor()
    expect(await tab.locator("video").count()).toBe(0)
    expect(media).toEqual([])

    await play.click()
    const video = tab.locator("video")
    await video.waitFor()
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0.3 && !v.muted), { timeout: 20_000 })
      .toBe(true)
    const tracks = await expect
      .poll(
        () =>
          video.evaluate((v: HTMLVideoElement) =>
            Array.from(v.textTracks).map((t) => ({ lang: t.language, mode: t.mode, cues: t.cues ? Array.from(t.cues).map((c) => (c as VTTCue).text) : [] }))
          ),
        { timeout: 20_000 }
      )
      .toEqual([
        { lang: "th", mode: "showing", cues: expect.arrayContaining([expect.stringContaining("หมอกไพร")]) },
        { lang: "en", mode: "disabled", cues: [] },
      ])
    void tracks
    expect(media.some((u) => u.startsWith(`${suite.app.storefrontUrl}/captions/`))).toBe(true)
    await tab.screenshot({ path: path.join(os.tmpdir(), "product-video-360.png"), fullPage: true })
    await context.close()
    expect(cspViolations(suite.browser)).toEqual([])
  })

  it("serves only WebVTT files as captions", async () => {
    for (const p of ["/captions/evil.html", "/captions/..%2Fsecrets.vtt", "/captions/nope.vtt"]) {
      expect((await fetch(suite.app.storefrontUrl + p)).status, p).toBe(404)
    }
  })

  it("accepts only files of the shop's file store, with a poster and captions in both languages", async () => {
    const a = await admin()
    const { products } = await a.ok("GET", "/admin/products?handle=mok-prai-herbal-massage-oil&fields=id,metadata")
    const [video] = products[0].metadata.videos
    const foreign = await a.call("POST", `/admin/products/${products[0].id}/videos`, { videos: [{ ...video, url: "https://tracker.example/static/x.webm" }] })
    expect(foreign.status).toBe(400)
    expect(foreign.body).toMatchObject({ code: "INVALID_VIDEO" })
    expect(foreign.body.message_th).toContain("วิดีโอ")
    const noCaptions = await a.call("POST", `/admin/products/${products[0].id}/videos`, { videos: [{ ...video, captions: { th: video.captions.th, en: video.poster } }] })
    expect(noCaptions.body).toMatchObject({ code: "CAPTIONS_REQUIRED" })
    const after = await a.ok("GET", `/admin/products/${products[0].id}?fields=metadata`)
    expect(after.product.metadata.videos).toEqual(products[0].metadata.videos)
    expect(fs.statSync(path.join(__dirname, "../../backend/src/lib/seed/videos/mok-prai-oil.webm")).size).toBeLessThan(500 * 1024)
  })
})
