import crypto from "node:crypto"
import { DigitalLinkError, buildDigitalLinkPath, formatThaiDate, formatThaiMonth, parseDigitalLink, type PublicProvenance, type ScanVerdict } from "@mae-mok/traceability"
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { renderToStaticMarkup } from "react-dom/server"
import { ProvenancePage, Verdict, soldWhen, type ProvenancePageProps, type ReportState, type ScanSlots } from "~/components/provenance-page"
import { localePath, translator, type Locale } from "~/i18n"
import { findVariantByGtin, variantTitleByGtin } from "~/lib/catalogue/catalogue.server"
import { config } from "~/lib/config.server"
import { FONT_STYLESHEET } from "~/lib/render/fonts"
import { escapeMarkup } from "~/lib/render/markup"
import { filledGzipParts, filledText, takesGzip, templateOf, type Template } from "../../filled-gzip.js"
import { formatDate, formatMonth, waitText } from "~/lib/i18n/format"
import {
  LINKSET_TYPE,
  buildLinkset,
  pageLocale,
  preflightResponse,
  requestedLinkType,
  resolverHeaders,
} from "~/lib/provenance/gs1-resolver.server"
import { herbHrefs } from "~/lib/catalogue/herbs.server"
import { batchProvenance, epcisDocument, recordScan, sendLabelReport, type ProvenanceResult } from "~/lib/provenance/provenance.server"
import styles from "~/styles.css?url"

/**
 * The QR's GS1 Digital Link paths, /01/{gtin14}/10/{lot} and /01/{gtin14}/10/{lot}/21/{serial}, as a resource
 * route: it answers the page, the linkset and the EPCIS link itself (GS1-Conformant resolver behaviour) and
 * ships no JavaScript.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return preflightResponse()
  const url = new URL(request.url)
  const locale = pageLocale(request, url)

  // /01/{gtin} alone names a product, not a lot: send the buyer to its page in the shop.
  const gtinOnly = /^\/01\/(\d{14})\/?$/.exec(url.pathname)
  if (gtinOnly) {
    const found = await findVariantByGtin(gtinOnly[1]!)
    if (found) {
      const headers = resolverHeaders({ serial: false })
      headers.set("Location", `${localePath(locale, `/products/${found.handle}`)}?variant=${found.variantId}`)
      return new Response(null, { status: 307, headers })
    }
  }

  const parsed = digitalLinkOf(request, url, locale)
  if (parsed instanceof Response) return parsed
  const link = parsed
  const { gtin, lot, serial } = link
  const kind = requestedLinkType(request, url)
  // The "report a suspicious label" form posts to this same URL; after a report the buyer lands on the lot's page.
  const report = reportState(url)

  if (kind === "traceability") {
    const epcis = await epcisDocument(gtin, lot)
    return new Response(request.method === "HEAD" ? null : epcis.body, {
      status: epcis.status,
      headers: resolverHeaders({ serial: false, contentType: epcis.contentType }),
    })
  }

  // Only a person's GET of a unit page is a scan; HEAD, preflights and linkset look-ups ask about the lot and
  // are not counted, so the scan count stays what buyers did.
  const isScan = serial !== null && kind === "page" && request.method === "GET"
  const scanned = isScan ? await scannedUnit(gtin, lot, serial, clientIp(request, context)) : null
  const result = scanned ?? (await batchProvenance(gtin, lot))

  // GS1 resolver statuses: 400 only for a link that breaks GS1 syntax, 404 for a well-formed one we do not know.
  // The buyer reads plain words in their language; the developer's reason goes only into the JSON answer.
  if (result.status === 400) {
    return problem(request, url, locale, 400, { kind: "bad_link" }, { code: result.code, part: result.part, message: result.message })
  }
  if (result.status === 429) {
    const response = problem(request, url, locale, 429, { kind: "too_many", retryAfterSeconds: result.retryAfterSeconds }, { code: "TOO_MANY_GUESSES", retry_after_seconds: result.retryAfterSeconds })
    response.headers.set("Retry-After", String(result.retryAfterSeconds))
    return response
  }
  if (result.status === 404) {
    if (result.code === "UNKNOWN_SERIAL") {
      const scan = result.scan
      const message = scan ? (locale === "th" ? scan.message_th : scan.message_en) : translator(locale)("prov.unknownText")
      return problem(
        request,
        url,
        locale,
        404,
        { kind: "unknown_serial", scan: result.scan, message, lot, lotHref: buildDigitalLinkPath({ gtin, lot }) + (locale === "en" ? "?lang=en" : "") },
        { code: result.code, message: result.message },
        report
      )
    }
    return problem(request, url, locale, 404, { kind: "unknown_lot" }, { code: result.code, message: result.message }, report)
  }
  if (result.status === 502) {
    return problem(request, url, locale, 503, { kind: "unavailable" }, { code: "UNAVAILABLE", message: "provenance is unavailable right now" })
  }

  const provenance = result.provenance
  // A recalled lot is withdrawn: 410 Gone, still with the full page so the buyer reads the recall banner.
  const status = provenance.batch.status === "recalled" ? 410 : 200
  const lotUri = buildDigitalLinkPath({ gtin, lot })
  const linksetHref = `${lotUri}?linkType=all`
  if (kind === "all") {
    const body = JSON.stringify(buildLinkset({ origin: config.storefrontUrl, gtin, lot, serial, provenance }))
    return new Response(request.method === "HEAD" ? null : body, {
      status,
      headers: resolverHeaders({ serial: serial !== null, contentType: LINKSET_TYPE }),
    })
  }
  const [hrefs, variantTitle] = await Promise.all([herbHrefs(locale), locale === "en" ? variantTitleByGtin(locale, gtin) : null])
  const view = (scan: ScanVerdict | null, slots?: ScanSlots): ProvenancePageProps["view"] => ({
    kind: "provenance",
    provenance,
    variantTitle: variantTitle ?? provenance.product.variantTitle,
    scan,
    slots,
    linksetHref,
    epcisHref: `${lotUri}?linkType=gs1:traceability`,
    herbHrefs: hrefs,
  })
  const init = { status, headers: resolverHeaders({ serial: serial !== null, contentType: "text/html; charset=utf-8", linksetUrl: linksetHref }) }
  if (scanned?.status === 200) {
    const render = (pageUrl: URL) => page(locale, pageUrl, view(null, SCAN_SLOTS), reportState(pageUrl))
    return scanAnswer(request, url, locale, scanned, [lotUri, variantTitle, JSON.stringify(hrefs)], render, init)
  }
  return new Response(page(locale, url, view(null), report), init)
}

/** A scan: the lot's (cached) public projection with the backend's verdict on this unit, recorded first. */
async function scannedUnit(
  gtin: string,
  lot: string,
  serial: string,
  ip: string | null
): Promise<Exclude<ProvenanceResult, { status: 200 }> | { status: 200; provenance: PublicProvenance; scan: ScanVerdict }> {
  const [scan, lotResult] = await Promise.all([recordScan(gtin, lot, serial, ip), batchProvenance(gtin, lot)])
  if (scan.status !== 200) return scan
  if (lotResult.status !== 200) return { status: 502, message: "the lot of a counted scan did not load" }
  // The lot's projection as cached (its identity says whether a kept scan page is still its page), the verdict beside it.
  return { status: 200, provenance: lotResult.provenance, scan: scan.scan }
}

/** The "report a suspicious label" form, or its thank-you after a report (the buyer lands on ?reported=1). */
function reportState(url: URL): ReportState {
  return url.searchParams.get("reported") === "1" ? { kind: "sent" } : { kind: "form", action: formAction(url) }
}

// A scan's page is its lot's page with the scan's own parts in: the verdict, the "sold" line and the unit's own
// path (language switch, report form). The rest is rendered once per lot and kept compressed in pieces
// (filled-gzip.js, as page-cache.js keeps shared pages), so a scan renders only its verdict and is gzipped without
// compressing the page again (issue 17: rendering and compressing a whole page cost most of a scan's CPU).
const standIn = () => crypto.randomBytes(24).toString("base64url")
const SCAN_SLOTS: ScanSlots = { verdict: standIn(), sold: standIn() }
const SCAN_PATH = `/${standIn()}`
/** Pages kept: a few per lot (language, ?lang=, ?reported=1), least recently used first; by count and bytes. */
const SCAN_PAGES_MAX = 200
const SCAN_PAGES_MAX_BYTES = 8 * 1024 * 1024
type ScanPage = { lot: PublicProvenance; template: Promise<Template>; bytes: number }
const scanPages = new Map<string, ScanPage>()
let scanPageBytes = 0

function forgetScanPage(key: string, page = scanPages.get(key)): void {
  if (!page || scanPages.get(key) !== page) return
  scanPages.delete(key)
  scanPageBytes -= page.bytes
}

/** The kept page of `key` if it was rendered from this very projection of the lot, else a new one. */
function scanPageOf(key: string, lot: PublicProvenance, render: () => string): ScanPage {
  const kept = scanPages.get(key)
  if (kept?.lot === lot) {
    scanPages.delete(key)
    scanPages.set(key, kept)
    return kept
  }
  forgetScanPage(key)
  const page: ScanPage = { lot, template: templateOf(render(), [SCAN_SLOTS.verdict, SCAN_SLOTS.sold, SCAN_PATH]), bytes: 0 }
  scanPages.set(key, page)
  page.template.then(
    (template) => {
      if (scanPages.get(key) !== page) return
      page.bytes = template.bytes
      scanPageBytes += template.bytes
      while (scanPages.size > SCAN_PAGES_MAX || scanPageBytes > SCAN_PAGES_MAX_BYTES) forgetScanPage(scanPages.keys().next().value!)
    },
    () => forgetScanPage(key, page)
  )
  return page
}

/**
 * The answer to one scan: the kept page of its lot (rendered again when the lot's cached projection is a new
 * one, i.e. the content changed) with this scan's verdict, sold line and path in, gzipped when the client takes
 * it. `also`: what else the page was rendered from (the lot's path, the variant's title, the herb pages' links).
 */
async function scanAnswer(
  request: Request,
  url: URL,
  locale: Locale,
  scanned: { provenance: PublicProvenance; scan: ScanVerdict },
  also: unknown[],
  render: (url: URL) => string,
  init: { status: number; headers: Headers }
): Promise<Response> {
  const { provenance: lot, scan } = scanned
  const key = JSON.stringify([locale, url.searchParams.get("lang"), url.searchParams.get("reported"), ...also])
  const template = await scanPageOf(key, lot, () => render(new URL(SCAN_PATH + url.search, url))).template
  const t = translator(locale)
  const { formatDate, formatMonth } = formats(locale)
  const values = new Map([
    [SCAN_SLOTS.verdict, renderToStaticMarkup(<Verdict scan={scan} recalled={lot.recall !== null} locale={locale} t={t} formatDate={formatDate} />)],
    [SCAN_SLOTS.sold, escapeMarkup(soldWhen(scan, t, formatMonth))],
    [SCAN_PATH, escapeMarkup(url.pathname)],
  ])
  init.headers.append("Vary", "Accept-Encoding")
  if (!takesGzip(request.headers.get("accept-encoding"))) return new Response(filledText(template, values), init)
  // Already compressed: page-cache.js and compression() send it as it is.
  init.headers.set("Content-Encoding", "gzip")
  return new Response(Buffer.concat(filledGzipParts(template, values)), init)
}

/** The buyer's IP as the storefront's server saw it (server.js puts it in the load context). */
function clientIp(request: Request, context: LoaderFunctionArgs["context"]): string | null {
  const ip = (context as { clientIp?: unknown }).clientIp
  return typeof ip === "string" && ip ? ip : null
}

function problem(
  request: Request,
  url: URL,
  locale: Locale,
  status: number,
  view: ProvenancePageProps["view"],
  json: Record<string, unknown>,
  report: ReportState | null = null
): Response {
  const serial = /\/21\//.test(url.pathname)
  if (requestedLinkType(request, url) === "all") {
    const type = status === 400 ? "invalid_data" : status === 404 ? "not_found" : status === 429 ? "too_many_requests" : "unexpected_state"
    return new Response(JSON.stringify({ type, ...json }), {
      status,
      headers: resolverHeaders({ serial, contentType: "application/json; charset=utf-8" }),
    })
  }
  return new Response(page(locale, url, view, report), {
    status,
    headers: resolverHeaders({ serial, contentType: "text/html; charset=utf-8" }),
  })
}

/** Dates and months as the page's language writes them (Thai: Buddhist era). */
function formats(locale: Locale): { formatDate: (date: string) => string; formatMonth: (date: string) => string } {
  return {
    formatDate: (date) => (locale === "th" ? formatThaiDate(date) : formatDate(date)),
    formatMonth: (date) => (locale === "th" ? formatThaiMonth(`${date.slice(0, 7)}-01`) : formatMonth(date)),
  }
}

function page(locale: Locale, url: URL, view: ProvenancePageProps["view"], report: ReportState | null = null): string {
  const other: Locale = locale === "th" ? "en" : "th"
  const markup = renderToStaticMarkup(
    <ProvenancePage
      locale={locale}
      t={translator(locale)}
      stylesheets={[FONT_STYLESHEET, styles]}
      shopHref={localePath(locale, "/")}
      switchHref={`${url.pathname}?lang=${other}`}
      {...formats(locale)}
      contact={config.shopContact}
      certificateCheck={config.certificateCheck}
      report={report}
      view={view}
    />
  )
  return `<!DOCTYPE html>${markup}`
}

/** The report form's target: this very path, keeping only the page's language. */
function formAction(url: URL): string {
  const lang = url.searchParams.get("lang")
  return url.pathname + (lang === "en" || lang === "th" ? `?lang=${lang}` : "")
}

const REPORT_REASONS = new Set(["unknown_code", "many_scans", "label_looks_different", "bought_unsealed", "other"])

/** The path's GS1 Digital Link, or the 400 page that says which part is broken (loader and action alike). */
function digitalLinkOf(request: Request, url: URL, locale: Locale): ReturnType<typeof parseDigitalLink> | Response {
  try {
    const link = parseDigitalLink(url.pathname)
    if (link.pathPrefix) throw new DigitalLinkError("path", "the path must start with /01/")
    return link
  } catch (err) {
    if (!(err instanceof DigitalLinkError)) throw err
    return problem(request, url, locale, 400, { kind: "bad_link" }, { code: "INVALID_DIGITAL_LINK", part: err.part, message: err.message })
  }
}

/**
 * POST of the "report a suspicious label" form (works without JavaScript, like the whole page): the backend
 * throttles it per buyer IP and stores it for the group. A sent report redirects (303) to the LOT's page, never
 * the unit's, so the thank-you page is not counted as another scan; a refused one shows the form again, filled.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const url = new URL(request.url)
  const locale = pageLocale(request, url)
  const t = translator(locale)
  const parsed = digitalLinkOf(request, url, locale)
  if (parsed instanceof Response) return parsed
  const link = parsed
  const form = await request.formData()
  const field = (name: string, max: number) => {
    const v = form.get(name)
    return typeof v === "string" ? v.trim().slice(0, max) : ""
  }
  const values = { reason: field("reason", 40), message: field("message", 1000), where_bought: field("where_bought", 200), contact: field("contact", 200) }
  const again = async (status: number, error: string) => {
    const report: ReportState = { kind: "form", action: formAction(url), values, error }
    // The lot's page (no scan is counted for a POST), or the plain unknown-code page.
    const lotResult = await batchProvenance(link.gtin, link.lot)
    const lotUri = buildDigitalLinkPath({ gtin: link.gtin, lot: link.lot })
    const view: ProvenancePageProps["view"] =
      lotResult.status === 200
        ? { kind: "provenance", provenance: lotResult.provenance, scan: null, linksetHref: `${lotUri}?linkType=all`, epcisHref: `${lotUri}?linkType=gs1:traceability` }
        : { kind: "unknown_lot" }
    return new Response(page(locale, url, view, report), {
      status,
      headers: resolverHeaders({ serial: true, contentType: "text/html; charset=utf-8" }),
    })
  }
  if (!REPORT_REASONS.has(values.reason)) return again(400, t("prov.report.needReason"))
  if (!values.message) return again(400, t("prov.report.needMessage"))
  const result = await sendLabelReport(
    {
      gtin: link.gtin,
      lot: link.lot,
      serial: link.serial,
      reason: values.reason,
      message: values.message,
      where_bought: values.where_bought || null,
      contact: values.contact || null,
    },
    clientIp(request, context)
  )
  if (result.status === 201) {
    const headers = resolverHeaders({ serial: true })
    headers.set("Location", `${buildDigitalLinkPath({ gtin: link.gtin, lot: link.lot })}?reported=1${locale === "en" ? "&lang=en" : ""}#report`)
    return new Response(null, { status: 303, headers })
  }
  if (result.status === 429) {
    const response = await again(429, t("prov.report.tooMany", { wait: waitText(t, result.retryAfterSeconds) }))
    response.headers.set("Retry-After", String(result.retryAfterSeconds))
    return response
  }
  if (result.status === 400) return again(400, locale === "th" ? result.message_th : result.message)
  return again(503, t("prov.report.unavailable"))
}
