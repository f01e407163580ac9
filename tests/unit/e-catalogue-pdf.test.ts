import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { type CatalogueProduct, eCatalogueHtml } from "../../backend/src/lib/catalogue/e-catalogue"
import { closePdfBrowser, htmlToPdf } from "../../backend/src/lib/pdf/html-to-pdf"
import { pdfQrCodes } from "../support/pdf"

// The e-catalogue's page printed by Chromium: every QR decodes (found one by one on the rendered pages), the
// prices and GTINs read back from the text layer, Thai names intact.

const products: CatalogueProduct[] = [
  {
    handle: "mok-prai-herbal-massage-oil",
    title: { th: "น้ำมันนวดสมุนไพรหมอกไพร", en: "Mok Prai herbal massage oil" },
    subtitle: { th: null, en: null },
    thumbnail: null,
    url: "http://127.0.0.1:8000/products/mok-prai-herbal-massage-oil",
    variants: [
      { title: "30 มล.", sku: "MM-OIL-30", gtin14: "08850000000010", price: 129 },
      { title: "100 มล.", sku: "MM-OIL-100", gtin14: "18850000000017", price: 1290.5 },
    ],
  },
  {
    handle: "ceramic-herbal-compress-ball",
    title: { th: "ลูกประคบเซรามิค", en: "Ceramic herbal compress ball" },
    subtitle: { th: null, en: null },
    thumbnail: null,
    url: "http://127.0.0.1:8000/products/ceramic-herbal-compress-ball",
    variants: [{ title: "ลูกเดี่ยว", sku: null, gtin14: null, price: 350 }],
  },
]

afterAll(() => closePdfBrowser())

describe("e-catalogue PDF", () => {
  it("has a decodable QR per product, prices incl. VAT, GTINs and the group's LINE", { timeout: 60_000 }, async () => {
    const pdf = await htmlToPdf(await eCatalogueHtml(products, new Date("2026-12-02T03:00:00Z")))
    expect(pdfQrCodes(pdf).sort()).toEqual(products.map((p) => p.url).sort())
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cat-")), "c.pdf")
    fs.writeFileSync(file, pdf)
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
    expect(text).not.toMatch(/[\u200b\u2060]/)
    const flat = text.replace(/\s+/g, "")
    for (const s of ["น้ำมันนวดสมุนไพรหมอกไพร", "ลูกประคบเซรามิค", "MokPraiherbalmassageoil", "฿129", "฿1,290.50", "฿350", "GTIN08850000000010", "GTIN18850000000017", "30มล.", "LINE@maemokherbs", "รวมVAT"]) {
      expect(flat, s).toContain(s)
    }
  })
})
