import type { MetaDescriptor } from "@remix-run/node"
import { localePath, type Locale } from "~/i18n"

export type SeoInput = {
  origin: string
  locale: Locale
  /** Path without the language prefix, e.g. "/products/x". */
  path: string
  title: string
  description: string
  image?: string | null
  /** The generated 1200 × 630 preview (share-image.server.ts); preferred over `image` for link previews. */
  shareImage?: string | null
  type?: "website" | "product"
  noindex?: boolean
}

/** Title, description, Open Graph, canonical and hreflang alternates for one page. */
export function seo(input: SeoInput): MetaDescriptor[] {
  const url = input.origin + localePath(input.locale, input.path)
  const tags: MetaDescriptor[] = [
    { title: input.title },
    { name: "description", content: input.description },
    { property: "og:title", content: input.title },
    { property: "og:description", content: input.description },
    { property: "og:type", content: input.type ?? "website" },
    { property: "og:url", content: url },
    { property: "og:site_name", content: input.locale === "en" ? "Mae Mok Herbs" : "สมุนไพรแม่มอก" },
    { property: "og:locale", content: input.locale === "en" ? "en_US" : "th_TH" },
    { tagName: "link", rel: "canonical", href: url },
    { tagName: "link", rel: "alternate", hrefLang: "th", href: input.origin + localePath("th", input.path) },
    { tagName: "link", rel: "alternate", hrefLang: "en", href: input.origin + localePath("en", input.path) },
  ]
  const image = input.shareImage ?? input.image
  if (image) {
    tags.push({ property: "og:image", content: image }, { property: "og:image:alt", content: input.title }, { name: "twitter:image", content: image })
    if (input.shareImage) tags.push({ property: "og:image:width", content: "1200" }, { property: "og:image:height", content: "630" })
  }
  tags.push(
    { name: "twitter:card", content: input.shareImage ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: input.title },
    { name: "twitter:description", content: input.description }
  )
  if (input.noindex) tags.push({ name: "robots", content: "noindex, nofollow" })
  return tags
}

/** Title of a page that is per person (cart, checkout, account): kept out of search engines. */
export function privatePageMeta(thai: string, english: string) {
  return ({ location }: { location: { pathname: string } }): MetaDescriptor[] => [
    { title: location.pathname === "/en" || location.pathname.startsWith("/en/") ? `${english} | Mae Mok Herbs` : `${thai} | สมุนไพรแม่มอก` },
    { name: "robots", content: "noindex" },
  ]
}
