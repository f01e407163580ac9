import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { invalid, notFound } from "../../../../../lib/errors"
import { shareImage } from "../../../../../lib/share-image/share-image"

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

// GET /store/share-images/:kind/:key?lang=th|en — the 1200 × 630 PNG a shared product or herb page shows
// (kind "products" with the product handle, "herbs" with the herb page's slug). Public page data only.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { kind, key } = req.params
  const lang = req.query.lang === undefined ? "th" : req.query.lang
  if ((kind !== "products" && kind !== "herbs") || !SLUG.test(key) || key.length > 120 || (lang !== "th" && lang !== "en")) {
    throw invalid({ code: "INVALID_SHARE_IMAGE", message: "Ask for /store/share-images/products|herbs/<handle>?lang=th|en", message_th: "ที่อยู่รูปสำหรับแชร์ไม่ถูกต้อง" })
  }
  const image = await shareImage(req.scope, kind, key, lang)
  if (!("png" in image)) {
    if (!image.photo) throw notFound({ en: "Share image of", th: "รูปสำหรับแชร์ของ" }, `${kind}/${key}`)
    return res.redirect(302, image.photo)
  }
  const png = image.png
  res.setHeader("Content-Type", "image/png")
  res.setHeader("Cache-Control", "public, max-age=300")
  res.end(png)
}
