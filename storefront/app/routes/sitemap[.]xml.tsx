import { localePath, type Locale } from "~/i18n"
import { listProducts } from "~/lib/catalogue/catalogue.server"
import { config } from "~/lib/config.server"
import { listHerbs } from "~/lib/catalogue/herbs.server"
import { escapeMarkup } from "~/lib/render/markup"

const LOCALES: Locale[] = ["th", "en"]

/** Every public shop page in Thai and English, each listing its other-language twin (hreflang). */
export async function loader() {
  const [products, herbs] = await Promise.all([listProducts("th"), listHerbs()])
  const pages: { path: string; lastmod: string | null }[] = [
    { path: "/", lastmod: null },
    { path: "/products", lastmod: null },
    ...products.map((p) => ({ path: `/products/${p.handle}`, lastmod: p.updatedAt ? new Date(p.updatedAt).toISOString().slice(0, 10) : null })),
    { path: "/herbs", lastmod: null },
    ...herbs.map((h) => ({ path: `/herbs/${h.slug}`, lastmod: null })),
    { path: "/knowledge", lastmod: null },
  ]
  const urls = pages.flatMap((page) =>
    LOCALES.map((locale) => {
      const alternates = LOCALES.map(
        (other) => `<xhtml:link rel="alternate" hreflang="${other}" href="${escapeMarkup(config.storefrontUrl + localePath(other, page.path))}"/>`
      ).join("")
      const lastmod = page.lastmod ? `<lastmod>${page.lastmod}</lastmod>` : ""
      return `<url><loc>${escapeMarkup(config.storefrontUrl + localePath(locale, page.path))}</loc>${lastmod}${alternates}</url>`
    })
  )
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.join("")}</urlset>\n`
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } })
}
