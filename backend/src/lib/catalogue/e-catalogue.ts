import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"
import { isValidGtin, thaiWordBreaks, toGtin14 } from "@mae-mok/traceability"
import bwipjs from "bwip-js/node"
import { readEnv } from "../env"
import { thaiFontCss } from "../pdf/thai-font"
import QRCode from "qrcode"

type Container = Pick<MedusaContainer, "resolve">

export type CatalogueVariant = { title: string; sku: string | null; gtin14: string | null; price: number | null }
export type CatalogueProduct = {
  handle: string
  title: { th: string; en: string }
  subtitle: { th: string | null; en: string | null }
  thumbnail: string | null
  url: string
  variants: CatalogueVariant[]
}

/**
 * The live catalogue as the e-catalogue prints it: published products, their variants in the shop's order and
 * each variant's current price in the Thai region (prices include VAT there), read at the moment of printing.
 */
export async function loadCatalogue(container: Container): Promise<CatalogueProduct[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({ entity: "region", fields: ["id", "currency_code"] })
  const region = regions.find((r) => r.currency_code === "thb") ?? regions[0]
  const { storefrontUrl } = readEnv()
  const { data } = await query.graph({
    entity: "product",
    fields: [
      "id", "handle", "title", "subtitle", "thumbnail", "metadata", "status",
      "variants.id", "variants.title", "variants.sku", "variants.barcode", "variants.variant_rank", "variants.calculated_price.*",
    ],
    filters: { status: "published" },
    context: region ? { variants: { calculated_price: QueryContext({ region_id: region.id, currency_code: region.currency_code }) } } : {},
  })
  return data
    .map((p) => {
      const meta = (p.metadata ?? {}) as Record<string, unknown>
      const variants = [...(p.variants ?? [])]
        .sort((a, b) => (a.variant_rank ?? 0) - (b.variant_rank ?? 0))
        .map((v) => {
          const amount = (v as { calculated_price?: { calculated_amount?: number | null } }).calculated_price?.calculated_amount
          return {
            title: v.title ?? "",
            sku: v.sku ?? null,
            gtin14: v.barcode && isValidGtin(v.barcode) ? toGtin14(v.barcode) : null,
            price: typeof amount === "number" ? amount : null,
          }
        })
      return {
        handle: p.handle,
        title: { th: p.title, en: typeof meta.title_en === "string" ? meta.title_en : p.title },
        subtitle: { th: p.subtitle ?? null, en: typeof meta.subtitle_en === "string" ? meta.subtitle_en : null },
        thumbnail: p.thumbnail ?? null,
        url: `${storefrontUrl}/products/${p.handle}`,
        variants,
      }
    })
    .sort((a, b) => (a.handle < b.handle ? -1 : 1))
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

/** Baht as the shop shows it: ฿1,290 (satang only when there are some). */
export function formatBaht(amount: number): string {
  const hasSatang = Math.round(amount * 100) % 100 !== 0
  return "฿" + amount.toLocaleString("en-US", { minimumFractionDigits: hasSatang ? 2 : 0, maximumFractionDigits: 2 })
}

/** The GTIN's barcode as SVG: EAN-13 for a GTIN-13 (GTIN-14 with a leading 0), ITF-14 otherwise. */
export function gtinBarcodeSvg(gtin14: string): string {
  const ean = gtin14.startsWith("0")
  return bwipjs.toSVG({ bcid: ean ? "ean13" : "itf14", text: ean ? gtin14.slice(1) : gtin14, includetext: true, textxalign: "center", height: 12, scale: 2 })
}

/** The A4 e-catalogue as one HTML document (Thai and English names side by side), for Chromium to print. */
export async function eCatalogueHtml(products: CatalogueProduct[], printedAt: Date = new Date()): Promise<string> {
  const { backendUrl, shopContact } = readEnv()
  const image = (src: string | null) => (src ? (src.startsWith("/") ? backendUrl + src : src) : null)
  const cards: string[] = []
  for (const p of products) {
    // A printed page, not a small label: level M with the standard 4-module quiet zone.
    const qr = await QRCode.toString(p.url, { type: "svg", errorCorrectionLevel: "M", margin: 4 })
    const rows = p.variants
      .map(
        (v) => `<tr><td>${esc(v.title)}${v.sku ? `<br><small>${esc(v.sku)}</small>` : ""}</td>
        <td class="price">${v.price !== null ? esc(formatBaht(v.price)) : "—"}</td>
        <td class="barcode">${v.gtin14 ? `${gtinBarcodeSvg(v.gtin14)}<div class="gtin">GTIN ${v.gtin14}</div>` : ""}</td></tr>`
      )
      .join("")
    const img = image(p.thumbnail)
    cards.push(`<article class="product">
  <div class="photo">${img ? `<img src="${esc(img)}" alt="">` : ""}</div>
  <div class="body">
    <h2>${esc(p.title.th)}</h2>
    <p class="en" lang="en">${esc(p.title.en)}</p>
    ${p.subtitle.th ? `<p class="sub">${esc(p.subtitle.th)}</p>` : ""}
    <table><thead><tr><th>ขนาด / Size</th><th>ราคา (รวม VAT) / Price incl. VAT</th><th>บาร์โค้ด / Barcode</th></tr></thead><tbody>${rows}</tbody></table>
  </div>
  <div class="qr"><div class="qr-code">${qr}</div><small>สแกนเพื่อสั่งซื้อ<br>Scan to order</small><div class="url">${esc(p.url)}</div></div>
</article>`)
  }
  const date = printedAt.toLocaleDateString("th-TH", { timeZone: "Asia/Bangkok", dateStyle: "long" })
  const dateEn = printedAt.toLocaleDateString("en-GB", { timeZone: "Asia/Bangkok", dateStyle: "long" })
  const lineUrl = `https://line.me/R/ti/p/${encodeURIComponent(shopContact.lineId)}`
  const body = `<header>
  <h1>แคตตาล็อกสินค้า วิสาหกิจชุมชนสมุนไพรแม่มอก</h1>
  <p class="en" lang="en">Product catalogue — Mae Mok herbal community enterprise, Thoen, Lampang</p>
  <p class="asof">ราคา ณ วันที่ ${esc(date)} · Prices as of ${esc(dateEn)}</p>
</header>
${cards.join("\n")}
<footer>
  <p><b>ติดต่อ / Contact</b> โทร ${esc(shopContact.phone)} · ${esc(shopContact.email)} · LINE ${esc(shopContact.lineId)} (${esc(lineUrl)})</p>
  <p>ร้านออนไลน์ / Online shop: ${esc(readEnv().storefrontUrl)}</p>
</footer>`
  return `<!doctype html><html lang="th"><head><meta charset="utf-8"><title>Mae Mok e-catalogue</title><style>
${thaiFontCss()}
@page { size: A4; margin: 14mm 12mm; }
body { font-family: Sarabun, sans-serif; font-size: 11pt; color: #1f2a1c; }
h1 { font-size: 20pt; color: #2f5d2a; margin: 0; }
h2 { font-size: 15pt; margin: 0; color: #2f5d2a; }
.en { margin: 0 0 2mm; color: #444; }
.asof { font-size: 10pt; color: #555; }
.product { display: grid; grid-template-columns: 34mm 1fr 34mm; gap: 5mm; border-top: 1px solid #ccc; padding: 5mm 0; break-inside: avoid; }
.photo img { width: 34mm; height: 34mm; object-fit: contain; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { text-align: left; border-bottom: 1px solid #eee; padding: 1.5mm; vertical-align: middle; }
td.price { font-size: 13pt; font-weight: 700; white-space: nowrap; }
td.barcode svg { width: 42mm; height: auto; }
.gtin { font-size: 8pt; }
.qr { text-align: center; font-size: 9pt; }
.qr-code svg { width: 32mm; height: 32mm; }
.url { font-size: 7pt; word-break: break-all; }
footer { border-top: 2px solid #2f5d2a; margin-top: 4mm; padding-top: 2mm; }
</style></head><body>${thaiWordBreaks(body)}</body></html>`
}
