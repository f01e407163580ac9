import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { loadCatalogue, formatBaht } from "../catalogue/e-catalogue"
import { contentVersion } from "../content-version"
import { readEnv } from "../env"
import { AppError } from "../errors"
import { publicHerb } from "../herbs/records"
import { chromiumPath, htmlToPng } from "../pdf/html-to-pdf"
import { shareCardHtml, SHARE_IMAGE_SIZE, type ShareCard, type ShareLanguage } from "./card"

type Container = Pick<MedusaContainer, "resolve">
export type ShareKind = "products" | "herbs"

/** The card of one product or herb page, from the same public data the page shows. Null when there is no such page. */
async function loadCard(container: Container, kind: ShareKind, key: string, lang: ShareLanguage): Promise<ShareCard | null> {
  const { backendUrl, storefrontUrl } = readEnv()
  const site = new URL(storefrontUrl).host
  const absolute = (src: string | null | undefined) => (src ? (src.startsWith("/") ? backendUrl + src : src) : null)
  if (kind === "products") {
    const product = (await loadCatalogue(container)).find((p) => p.handle === key)
    if (!product) return null
    const prices = product.variants.map((v) => v.price).filter((p): p is number => p !== null)
    const from = prices.length ? Math.min(...prices) : null
    return {
      lang,
      title: product.title[lang],
      alternate: product.title[lang === "th" ? "en" : "th"],
      detail: product.subtitle[lang],
      price: from === null ? null : (prices.length > 1 ? (lang === "th" ? "เริ่มต้น " : "from ") : "") + formatBaht(from),
      photo: absolute(product.thumbnail),
      site,
    }
  }
  const answer = await publicHerb(container, key)
  if (!answer) return null
  const { herb } = answer
  return {
    lang,
    title: herb.names[lang],
    alternate: herb.names.scientific,
    alternateIsLatin: true,
    detail: herb.parts[lang],
    price: null,
    photo: absolute(herb.photos[0]?.url),
    site,
  }
}

// One picture per page, language and content stamp: Chromium draws it once after each change, not per request.
// Bounded: at most MAX entries (a few hundred KB each), the oldest dropped first.
const MAX = 64
const cache = new Map<string, { version: string; png: Promise<Buffer> }>()

/**
 * The 1200 × 630 PNG shown when a product or herb page is shared (LINE, Facebook, X); or, on a server without
 * Chromium, the page's own photo to redirect to (null when it has none).
 */
export async function shareImage(container: Container, kind: ShareKind, key: string, lang: ShareLanguage): Promise<{ png: Buffer } | { photo: string | null }> {
  const version = await contentVersion(container)
  const id = `${kind}/${key}/${lang}`
  const hit = cache.get(id)
  if (hit && hit.version === version) return { png: await hit.png }
  const card = await loadCard(container, kind, key, lang)
  if (!card) {
    // The key is not echoed: it is whatever the visitor typed.
    throw new AppError(MedusaError.Types.NOT_FOUND, { code: "SHARE_PAGE_NOT_FOUND", message: "There is no published page to share at this address", message_th: "ไม่พบหน้าที่จะแชร์" })
  }
  if (!chromiumPath()) return { photo: card.photo }
  const png = htmlToPng(shareCardHtml(card), { ...SHARE_IMAGE_SIZE, allowOrigins: [new URL(readEnv().backendUrl).origin] })
  const entry = { version, png }
  cache.delete(id)
  cache.set(id, entry)
  while (cache.size > MAX) cache.delete(cache.keys().next().value as string)
  png.catch(() => {
    if (cache.get(id) === entry) cache.delete(id)
  })
  return { png: await png }
}
