import { buildDigitalLink, type PublicProvenance } from "@mae-mok/traceability"
import type { Locale } from "~/i18n"
import { PUBLIC_PAGE_CACHE_CONTROL } from "../render/http-cache.server"
import { provenancePolicy } from "../security/security.server"

// GS1-Conformant resolver behaviour of the QR paths /01/{gtin}/10/{lot}[/21/{serial}]: content negotiation,
// the linkset (RFC 9264 as profiled by GS1), CORS and caching headers. The page itself is provenance-page.tsx.

export const LINKSET_TYPE = "application/linkset+json"
const VOC = "https://gs1.org/voc/"

export type Gs1Link = { href: string; title: string; type: string; hreflang?: string[] }

/** Which representation the request asks for: the linkset, one link type, or the human page (default). */
export function requestedLinkType(request: Request, url: URL): "all" | "traceability" | "page" {
  const linkType = url.searchParams.get("linkType")?.trim() ?? ""
  if (linkType === "all" || linkType === "linkset") return "all"
  if (linkType === "gs1:traceability" || linkType === `${VOC}traceability`) return "traceability"
  if (linkType) return "page"
  const accept = request.headers.get("accept") ?? ""
  return accept.split(",").some((part) => part.trim().toLowerCase().startsWith(LINKSET_TYPE)) ? "all" : "page"
}

/**
 * Thai first: `?lang=` decides when given; otherwise English for browsers that name languages but not Thai
 * (a buyer abroad), Thai for everyone else.
 */
export function pageLocale(request: Request, url: URL): Locale {
  const lang = url.searchParams.get("lang")
  if (lang === "en" || lang === "th") return lang
  const languages = (request.headers.get("accept-language") ?? "")
    .toLowerCase()
    .split(",")
    .map((part) => part.split(";")[0]!.trim())
    .filter((tag) => tag && tag !== "*")
  return languages.length > 0 && !languages.some((tag) => tag === "th" || tag.startsWith("th-")) ? "en" : "th"
}

/** Headers every resolver response carries. Serial URLs are scans: never stored by any cache; lots like public pages. */
export function resolverHeaders(options: { serial: boolean; contentType?: string; linksetUrl?: string }): Headers {
  const headers = new Headers({
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Link, Content-Type",
    "X-Robots-Tag": "noindex, nofollow",
    Vary: "Accept, Accept-Language",
    "Cache-Control": options.serial ? "no-store" : PUBLIC_PAGE_CACHE_CONTROL,
  })
  if (options.contentType) headers.set("Content-Type", options.contentType)
  // The page is script-free (decision 0008), so its policy allows no script at all; other bodies get the default.
  if (options.contentType?.startsWith("text/html")) headers.set("Content-Security-Policy", provenancePolicy)
  if (options.linksetUrl) headers.set("Link", `<${options.linksetUrl}>; rel="linkset"; type="${LINKSET_TYPE}"`)
  return headers
}

export function preflightResponse(): Response {
  const headers = resolverHeaders({ serial: true })
  headers.set("Allow", "GET, HEAD, OPTIONS")
  headers.set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
  headers.set("Access-Control-Allow-Headers", "Accept, Accept-Language")
  headers.set("Access-Control-Max-Age", "86400")
  return new Response(null, { status: 204, headers })
}

export type LinksetInput = {
  origin: string
  gtin: string
  lot: string
  serial: string | null
  provenance: PublicProvenance
}

/**
 * The linkset of one lot or unit: this page as gs1:pip (Thai and English), the EPCIS export as
 * gs1:traceability and each certificate behind the lot as gs1:certificationInfo. Built from the public
 * projection only.
 */
export function buildLinkset(input: LinksetInput) {
  const anchor = buildDigitalLink(input.origin, { gtin: input.gtin, lot: input.lot, serial: input.serial })
  const lotUri = buildDigitalLink(input.origin, { gtin: input.gtin, lot: input.lot })
  const p = input.provenance
  const pages: Gs1Link[] = [
    { href: anchor, title: `${p.product.title.th} ${p.product.variantTitle} – ล็อต ${p.batch.lot}`, type: "text/html", hreflang: ["th"] },
    { href: `${anchor}?lang=en`, title: `${p.product.title.en} ${p.product.variantTitle} – lot ${p.batch.lot}`, type: "text/html", hreflang: ["en"] },
  ]
  const certificates = new Map<string, Gs1Link>()
  for (const plot of p.plots) {
    for (const c of plot.certifications) {
      certificates.set(`${c.scheme}:${c.certificateNumber}`, {
        href: `${lotUri}#plot-${encodeURIComponent(plot.code)}`,
        title: `${c.scheme} ${c.certificateNumber} (${c.certifyingBody}), ${c.validFrom} – ${c.validUntil}`,
        type: "text/html",
      })
    }
  }
  return {
    linkset: [
      {
        anchor,
        [`${VOC}defaultLink`]: [pages[0]],
        [`${VOC}pip`]: pages,
        [`${VOC}traceability`]: [
          { href: `${lotUri}?linkType=gs1:traceability`, title: `EPCIS 2.0 – ${p.batch.lot}`, type: "application/ld+json" },
        ],
        ...(certificates.size ? { [`${VOC}certificationInfo`]: [...certificates.values()] } : {}),
      },
    ],
  }
}

/** The resolver description at /.well-known/gs1resolver (GS1-Conformant resolver standard). */
export function resolverDescription(origin: string) {
  return {
    name: "Mae Mok herbal community enterprise – product provenance",
    resolverRoot: origin,
    supportedPrimaryKeys: ["01"],
    supportedLinkType: [{ namespace: VOC, prefix: "gs1:" }],
    linkTypeDefaultCanBeLinkset: false,
    supportedContextValues: [],
    validatingLinkTypes: false,
  }
}
