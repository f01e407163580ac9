import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { contentVersion } from "../../../../lib/content-version"
import { invalid } from "../../../../lib/errors"
import { type BookLanguage, knowledgeBookHtml } from "../../../../lib/herbs/ebook"
import { publicHerbs, publicRecipes } from "../../../../lib/herbs/records"
import { htmlToPdf } from "../../../../lib/pdf/html-to-pdf"

// Printing takes Chromium a second or two: the PDF is kept per language until the public content changes, so
// anyone may download it as often as they like without making the server print it again.
const cache = new Map<BookLanguage, { version: string; pdf: Promise<Buffer> }>()

// GET /store/knowledge/pdf?lang=th|en — the knowledge e-book as a PDF.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const lang = req.query.lang ?? "th"
  if (lang !== "th" && lang !== "en") throw invalid({ code: "INVALID_LANGUAGE", message: "lang must be th or en", message_th: "lang ต้องเป็น th หรือ en" })
  const version = await contentVersion(req.scope)
  let entry = cache.get(lang)
  if (!entry || entry.version !== version) {
    const pdf = (async () => knowledgeBookHtml(await publicHerbs(req.scope), await publicRecipes(req.scope), lang))().then((html) => htmlToPdf(html))
    entry = { version, pdf }
    cache.set(lang, entry)
    pdf.catch(() => cache.delete(lang))
  }
  const bytes = await entry.pdf
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", `inline; filename="mae-mok-knowledge-${lang}.pdf"`)
  res.setHeader("Cache-Control", "public, max-age=300")
  res.end(bytes)
}
