import type { MedusaContainer } from "@medusajs/framework/types"
import { contentVersion } from "../content-version"
import { readEnv } from "../env"
import { htmlToPdf } from "../pdf/html-to-pdf"
import { eCatalogueHtml, loadCatalogue } from "./e-catalogue"

// One printed catalogue per content stamp: a price, product or image change makes the next download print a new
// one, so the PDF always shows the live prices without Chromium printing on every request.
let cached: { version: string; pdf: Promise<Buffer> } | null = null

export async function eCataloguePdf(container: Pick<MedusaContainer, "resolve">): Promise<Buffer> {
  const version = await contentVersion(container)
  if (!cached || cached.version !== version) {
    const pdf = (async () => {
      const html = await eCatalogueHtml(await loadCatalogue(container))
      return htmlToPdf(html, { allowOrigins: [new URL(readEnv().backendUrl).origin] })
    })()
    const entry = { version, pdf }
    cached = entry
    pdf.catch(() => {
      if (cached === entry) cached = null
    })
  }
  return cached.pdf
}
