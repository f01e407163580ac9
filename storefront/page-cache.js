// @ts-check (plain JavaScript that node runs as it is, type-checked through JSDoc: npm run typecheck)
// A small shared HTTP cache in front of Remix, for visitors without a session: it follows the pages' own
// Cache-Control (public, s-maxage, stale-while-revalidate) and Vary, as a caching proxy would. Remix pages are
// rendered here as a "shared render" with stand-ins for what is per visitor (the CSP nonce, the CSRF token;
// app/lib/render/shared-page.server.ts), and every answer gets that visitor's own values filled in. Visitors with a
// cart or a login get the same pages with their header filled in (cart badge, account link); pages of their own
// (cart, checkout) are kept for them alone while what they were rendered from is unchanged (decision 0074). See
// docs/decisions/0011-page-caching-and-scan-batching.md.
import crypto from "node:crypto"
import { filledGzipParts, filledText, takesGzip, templateOf } from "./filled-gzip.js"

/**
 * @typedef {import("express").Request} ExpressRequest
 * @typedef {import("express").Response} ExpressResponse
 * @typedef {import("express").NextFunction} NextFunction
 * How to fill a shared render in for one visitor (app/lib/render/shared-page.server.ts makes it; server.js passing
 * it here is type-checked, so the two agree): the stand-ins a render may carry, and this visitor's values.
 * `session`: the visitor has a cart or a login; such a visitor gets only pages already known to be shared (stored
 * before), since a page rendered without its cookies might be its own (a cart) and show it empty.
 * `cookies`: the shop's own cookies of the visitor (a Cookie header), which its own pages are rendered with.
 * @typedef {{ standIns: string[], session: boolean, cookies: string, fill: () => Promise<{ replacements: [string, string][], setCookie: string | null }> }} Visitor
 * @typedef {Record<string, unknown>} LoadContext
 * @typedef {(request: Request, context: LoadContext) => Promise<Response>} Handle
 * @typedef {{ fresh: number, stale: number }} Lifetime
 * A rendered response, to send again.
 * @typedef {{ status: number, headers: [string, string][], cookies: string[], body: Buffer }} Answer
 * A stored page keeps its body only compressed, cut at its stand-ins (filled-gzip.js; a product page: 28 KB →
 * 5 KB), so a catalogue of 500 products with its variants' pages (1 500 urls) fits, and each visitor's page is put
 * together gzipped from it (inflated only for a client that takes no gzip). `stamp`: the content stamp the page
 * was rendered under (null: none was confirmed).
 * @typedef {import("./filled-gzip.js").Template} Template
 * @typedef {Lifetime & { vary: string[], varyKey: string, status: number, headers: [string, string][], cookies: string[], template: Template,
 *   stamp: string | null, stampedForMs: number, storedAt: number, etag?: string }} Page
 * @typedef {{ page: Page | null, answer: Answer }} Rendered
 * How a shopper's own page is kept (decision 0074): `track` runs a render and says what it read (reads.server.ts),
 * `current` whether all of that would still be read the same.
 * @typedef {import("./app/lib/render/reads.server").Reads} Reads
 * @typedef {{ track: <T>(render: () => Promise<T>) => Promise<{ result: T, reads: Reads }>, current: (reads: Reads) => boolean }} OwnReads
 * A shopper's own page as rendered (with stand-ins), and what it was rendered from.
 * @typedef {{ answer: Omit<Answer, "body">, template: Template, reads: Reads, storedAt: number }} OwnPage
 */

const MAX_BODY_BYTES = 1024 * 1024
/** @type {Map<string, string>} */
const NO_VALUES = new Map()

/**
 * Writes an answer's parts as they are, in one go (corked), without copying them into one buffer first.
 * @param {ExpressResponse} res
 * @param {Buffer[]} parts
 */
function writeParts(res, parts) {
  res.setHeader("Content-Length", parts.reduce((sum, p) => sum + p.length, 0))
  res.cork()
  for (const part of parts) res.write(part)
  res.end()
  process.nextTick(() => res.uncork())
}

/**
 * s-maxage and stale-while-revalidate (seconds) of a response a shared cache may store, else null.
 * @param {Headers} headers
 * @returns {Lifetime | null}
 */
export function sharedCacheLifetime(headers) {
  const cacheControl = (headers.get("cache-control") ?? "").toLowerCase()
  const directives = new Map(
    cacheControl
      .split(",")
      .map((d) => d.trim().split("="))
      .filter(([name]) => name)
      .map(([name, value]) => [name, value])
  )
  if (!directives.has("public") || ["private", "no-store", "no-cache"].some((d) => directives.has(d))) return null
  if (headers.has("set-cookie") || (headers.get("vary") ?? "").includes("*")) return null
  const fresh = Number(directives.get("s-maxage"))
  if (!(fresh > 0)) return null
  const stale = Number(directives.get("stale-while-revalidate") ?? 0)
  return { fresh, stale: stale > 0 ? stale : 0 }
}

/**
 * The visitor's request as a Fetch request for the shared render: without its cookies, which it must not use.
 * @param {ExpressRequest} req
 */
function toFetchRequest(req) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "cookie") continue
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v))
    else if (value !== undefined) headers.set(name, value)
  }
  return new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, { method: "GET", headers })
}

/**
 * What a rendered response is made of, to send it again: status, headers (but its cookies), cookies, body (as the
 * app sent it: compressed when it says so in Content-Encoding, as a scan's page is).
 * @param {Response} response
 * @param {Buffer} body
 * @returns {Answer}
 */
function toAnswer(response, body) {
  const headers = [...response.headers].filter(([name]) => !["set-cookie", "content-length"].includes(name))
  return { status: response.status, headers, cookies: response.headers.getSetCookie(), body }
}

/** @type {(answer: Omit<Answer, "body">) => boolean} the app compressed the body itself */
const encoded = (answer) => answer.headers.some(([name]) => name === "content-encoding")

/** @type {(text: string, replacements: [string, string][]) => string} */
const replaceAll = (text, replacements) => replacements.reduce((t, [from, to]) => t.split(from).join(to), text)

/**
 * Express middleware. `handle(request, loadContext)` renders (Remix's fetch handler); `visitor(cookieHeader)` says
 * whether the request may have the shared render (null: it is personal), which stand-ins a render may carry and
 * how to fill them in for this visitor (`fill()`: replacements and the cookie to set). Stored pages are answered
 * while fresh, served stale while one background render runs within stale-while-revalidate, and rendered
 * otherwise. With `stamp()` (the backend's content stamp, when a poll confirmed it lately; null otherwise) a page
 * rendered under the stamp that is still current stays fresh for `stampedFreshMs` to 1.5 × that (spread, so the
 * pages of a first pass do not all go stale at once), then is served while one background render runs, as the
 * data caches under it keep their entries (cache.server.ts); at most `backgroundRenders` such renders run at a
 * time (a stale page is served meanwhile, and its next request tries again); once the stamp
 * changes, or without one, the page's own s-maxage and stale-while-revalidate apply. Bounded to `maxEntries`
 * pages and `maxBytes` of compressed bodies (oldest first out), so a crawl of every product, variant and language
 * of a large catalogue cannot grow the process. A visitor's page is put together from the compressed pieces
 * without a gunzip (0.3 ms) or a gzip (0.4 ms) of the whole page (decision 0076).
 *
 * With `own`, a shopper's own pages (cart, checkout: whatever a visitor with a session asks that is not shared)
 * are rendered here with stand-ins too, and kept for that shopper alone (by a digest of the url and their own
 * cookies) while everything the render read would still be read the same: no network read, every cache entry
 * unchanged (decision 0074). At most `ownMaxEntries` pages, `ownMaxBytes` (their pieces), each for `ownMaxAgeMs`.
 * @param {{
 *   handle: Handle,
 *   loadContext: (req: ExpressRequest, res: ExpressResponse) => LoadContext,
 *   visitor: (cookieHeader: string | undefined, url: string) => Visitor | null,
 *   stamp?: () => string | null,
 *   stampedFreshMs?: number,
 *   backgroundRenders?: number,
 *   maxEntries?: number,
 *   maxBytes?: number,
 *   own?: OwnReads,
 *   ownMaxEntries?: number,
 *   ownMaxBytes?: number,
 *   ownMaxAgeMs?: number,
 *   now?: () => number,
 * }} options
 * @returns {(req: ExpressRequest, res: ExpressResponse, next: NextFunction) => Promise<void>}
 */
export function pageCache({
  handle,
  loadContext,
  visitor,
  stamp = () => null,
  stampedFreshMs = 60_000,
  backgroundRenders = 2,
  maxEntries = 4000,
  maxBytes = 16 * 1024 * 1024,
  own,
  ownMaxEntries = 2000,
  ownMaxBytes = 8 * 1024 * 1024,
  // Below half the per-cart cache's 30 s (decision 0070): a kept cart page rendered again then lets that cache
  // refresh its entry in the background, so the shopper does not wait for Medusa when the entry would expire.
  ownMaxAgeMs = 10_000,
  now = Date.now,
}) {
  // The stand-ins a render may carry: the same for every visitor (shared-page.server.ts makes them once).
  const standIns = visitor(undefined, "/")?.standIns ?? []
  /**
   * url → stored variants (one per value of the headers its Vary names)
   * @type {Map<string, Page[]>}
   */
  const pages = new Map()
  /** @type {Map<string, Promise<Rendered>>} */
  const rendering = new Map()
  let stored = 0
  /** Background renders under way (stale pages being refreshed). */
  let refreshing = 0
  let storedBytes = 0

  /** @type {(names: string[], request: Request) => string} */
  const varyKey = (names, request) => names.map((n) => `${n}=${request.headers.get(n) ?? ""}`).join("\n")
  /** @type {(url: string, request: Request) => Page | undefined} */
  const lookup = (url, request) => (pages.get(url) ?? []).find((page) => page.varyKey === varyKey(page.vary, request))

  /**
   * Stores a page a shared cache may keep; a url that answers otherwise now (a recalled lot: 410) is dropped.
   * @param {string} url
   * @param {Request} request
   * @param {Response} response
   * @param {Buffer} body
   * @param {string | null} renderedUnder the content stamp when the render started
   * @returns {Promise<Page | null>}
   */
  async function store(url, request, response, body, renderedUnder) {
    const vary = (response.headers.get("vary") ?? "")
      .toLowerCase()
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v && v !== "accept-encoding")
    const lifetime = sharedCacheLifetime(response.headers)
    const storable = response.status === 200 && lifetime && body.length <= MAX_BODY_BYTES && !response.headers.has("content-encoding")
    // Compressed first: what follows reads and changes the store without a pause.
    const template = storable ? await templateOf(body.toString("utf8"), standIns) : null
    const variants = pages.get(url) ?? []
    const others = variants.filter((p) => p.varyKey !== varyKey(p.vary, request))
    /** @type {(list: Page[]) => void} */
    const forget = (list) => {
      stored -= list.length
      storedBytes -= list.reduce((sum, p) => sum + p.template.bytes, 0)
    }
    if (!template || !lifetime) {
      forget(variants.filter((p) => !others.includes(p)))
      if (others.length) pages.set(url, others)
      else pages.delete(url)
      return null
    }
    const { status, headers, cookies } = toAnswer(response, body)
    /** @type {Page} */
    const page = { vary, varyKey: varyKey(vary, request), status, headers, cookies, template, stamp: renderedUnder, storedAt: now(), stampedForMs: stampedFreshMs * (1 + Math.random() / 2), ...lifetime }
    const kept = others.slice(-7)
    forget(variants.filter((p) => !kept.includes(p)))
    stored += 1
    storedBytes += template.bytes
    pages.delete(url)
    pages.set(url, [...kept, page])
    while (stored > maxEntries || storedBytes > maxBytes) {
      const first = pages.entries().next()
      if (first.done) break
      const [oldest, list] = first.value
      forget(list)
      pages.delete(oldest)
    }
    return page
  }

  /** @type {(url: string, request: Request, context: LoadContext) => Promise<Rendered>} */
  async function renderShared(url, request, context) {
    // Taken before the render: whatever it read is at least as new as this stamp.
    const renderedUnder = stamp()
    const response = await handle(request, { ...context, sharedPage: true })
    const body = Buffer.from(await response.arrayBuffer())
    return { page: await store(url, request, response, body, renderedUnder), answer: toAnswer(response, body) }
  }

  /**
   * Renders once per url and variant at a time; concurrent misses of a stored url wait for the same render.
   * @type {(url: string, request: Request, context: LoadContext) => Promise<Rendered>}
   */
  function render(url, request, context) {
    const key = `${url}\n${request.headers.get("accept") ?? ""}\n${request.headers.get("accept-language") ?? ""}`
    const running = rendering.get(key)
    if (running) return running
    const promise = renderShared(url, request, context).finally(() => rendering.delete(key))
    rendering.set(key, promise)
    return promise
  }

  /** @type {(text: string, who: Visitor) => boolean} */
  const hasStandIns = (text, who) => who.standIns.some((standIn) => text.includes(standIn))

  /**
   * The answer's status, headers and cookies for one visitor: their values in its headers (the CSP's nonce), their
   * CSRF cookie, and a shared page never cached further on.
   * @type {(res: ExpressResponse, answer: Omit<Answer, "body">, replacements: [string, string][], setCookie: string | null, personal: boolean) => void}
   */
  function writeHead(res, answer, replacements, setCookie, personal) {
    for (const [name, value] of answer.headers) {
      res.setHeader(name, personal ? replaceAll(value, replacements) : value)
    }
    if (personal && /\bpublic\b/.test(String(res.getHeader("cache-control") ?? ""))) res.setHeader("Cache-Control", "private, no-cache")
    const cookies = [...answer.cookies, ...(setCookie ? [setCookie] : [])]
    if (cookies.length) res.setHeader("Set-Cookie", cookies)
    res.status(answer.status)
  }

  /**
   * A kept page (shared or the shopper's own) filled in for one visitor, gzipped when they take it.
   * @type {(req: ExpressRequest, res: ExpressResponse, answer: Omit<Answer, "body">, who: Visitor, template: Template) => Promise<void>}
   */
  async function sendFilled(req, res, answer, who, template) {
    const { replacements, setCookie } = await who.fill()
    writeHead(res, answer, replacements, setCookie, true)
    const vary = String(res.getHeader("vary") ?? "")
    if (!/accept-encoding/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, accept-encoding` : "accept-encoding")
    const values = new Map(replacements)
    if (!takesGzip(req.headers["accept-encoding"])) return void res.end(filledText(template, values))
    res.setHeader("Content-Encoding", "gzip")
    writeParts(res, filledGzipParts(template, values))
  }

  /**
   * Sends a render just made to one visitor, filled in when it carries stand-ins (compressed by Express's
   * compression() on its way out, unless the app compressed it: then it goes as it is).
   * @type {(res: ExpressResponse, answer: Answer, who: Visitor, text?: string, personal?: boolean) => Promise<void>}
   */
  async function send(res, answer, who, text = encoded(answer) ? "" : answer.body.toString("utf8"), personal = hasStandIns(text, who)) {
    const { replacements, setCookie } = personal ? await who.fill() : { replacements: [], setCookie: null }
    writeHead(res, answer, replacements, setCookie, personal)
    res.end(personal ? replaceAll(text, replacements) : answer.body)
  }

  /** @type {(req: ExpressRequest, res: ExpressResponse, page: Page, who: Visitor) => Promise<void>} */
  async function sendStored(req, res, page, who) {
    res.setHeader("Vary", [...page.vary, "accept-encoding"].join(", "))
    res.setHeader("Age", String(Math.max(0, Math.floor((now() - page.storedAt) / 1000))))
    if (page.template.slots.length > 0) return sendFilled(req, res, page, who, page.template)
    // Pages without stand-ins (lot pages) are the same for everyone: the stored body and an ETag (its CRC-32 and
    // length, which tell two renders of one url apart).
    page.etag ??= `W/"${page.template.crcs[0]?.toString(36)}-${page.template.lengths[0]}"`
    for (const [name, value] of page.headers) if (name !== "vary") res.setHeader(name, value)
    res.setHeader("ETag", page.etag)
    if (req.headers["if-none-match"] === page.etag) return void res.status(304).end()
    res.status(200)
    if (!takesGzip(req.headers["accept-encoding"])) return void res.end(filledText(page.template, NO_VALUES))
    res.setHeader("Content-Encoding", "gzip")
    writeParts(res, filledGzipParts(page.template, NO_VALUES))
  }

  /** digest of url and cookies → a shopper's own page, least recently sent first */
  /** @type {Map<string, OwnPage>} */
  const ownPages = new Map()
  let ownBytes = 0
  /** @type {(key: string) => void} */
  function forgetOwn(key) {
    const page = ownPages.get(key)
    if (!page) return
    ownPages.delete(key)
    ownBytes -= page.template.bytes
  }
  /** @type {(key: string, page: OwnPage) => void} */
  function keepOwn(key, page) {
    forgetOwn(key)
    if (page.template.bytes > ownMaxBytes) return
    ownPages.set(key, page)
    ownBytes += page.template.bytes
    while (ownPages.size > ownMaxEntries || ownBytes > ownMaxBytes) forgetOwn(/** @type {string} */ (ownPages.keys().next().value))
  }

  /**
   * A shopper's own page: the kept one while what it was rendered from is unchanged, else rendered with
   * stand-ins (and kept when nothing it read came over the network and it sets no cookie of its own).
   * @type {(req: ExpressRequest, res: ExpressResponse, who: Visitor, own: OwnReads) => Promise<void>}
   */
  async function sendOwn(req, res, who, own) {
    const url = req.originalUrl
    // A digest: the store holds no session cookie (it carries the customer's token).
    const key = crypto.createHash("sha256").update(`${url}\n${who.cookies}`).digest("base64url")
    const kept = ownPages.get(key)
    if (kept && now() - kept.storedAt <= ownMaxAgeMs && own.current(kept.reads)) {
      ownPages.delete(key)
      ownPages.set(key, kept)
      return sendFilled(req, res, kept.answer, who, kept.template)
    }
    forgetOwn(key)
    const request = toFetchRequest(req)
    if (who.cookies) request.headers.set("cookie", who.cookies)
    const context = { ...loadContext(req, res), ownPage: true }
    const storedAt = now()
    const { result, reads } = await own.track(async () => {
      const response = await handle(request, context)
      return { response, body: Buffer.from(await response.arrayBuffer()) }
    })
    const answer = toAnswer(result.response, result.body)
    // Not a page to fill in: data, or a body the app compressed itself (a scan's page).
    if (encoded(answer) || !/^text\/html\b/.test(result.response.headers.get("content-type") ?? "")) return send(res, answer, who, "", false)
    const text = result.body.toString("utf8")
    const sent = new Map(who.cookies.split("; ").map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)]))
    // A cookie set to the value the shopper already has changes nothing and is not sent again from the store.
    const changes = answer.cookies.filter((c) => {
      const [pair] = c.split(";")
      const at = pair.indexOf("=")
      return sent.get(pair.slice(0, at).trim()) !== pair.slice(at + 1).trim()
    })
    if (answer.status === 200 && !reads.network && !changes.length && result.body.length <= MAX_BODY_BYTES) {
      const { body: _, ...head } = answer
      keepOwn(key, { answer: { ...head, cookies: [] }, template: await templateOf(text, who.standIns), reads, storedAt })
    }
    return send(res, answer, who, text)
  }

  /**
   * fresh: answer it; stale: answer it while one background render runs; expired: render before answering.
   * @type {(page: Page) => "fresh" | "stale" | "expired"}
   */
  function stateOf(page) {
    const ageMs = now() - page.storedAt
    if (page.stamp !== null && page.stamp === stamp()) return ageMs <= page.stampedForMs ? "fresh" : "stale"
    if (ageMs <= page.fresh * 1000) return "fresh"
    return ageMs <= (page.fresh + page.stale) * 1000 ? "stale" : "expired"
  }

  return async function pageCacheMiddleware(req, res, next) {
    if (req.method !== "GET" || req.headers.authorization) return next()
    try {
      const url = req.originalUrl
      const who = visitor(req.headers.cookie, url)
      if (!who) return next()
      if (who.session && !pages.has(url)) {
        // Remix's data requests (client navigations) stay with Remix: their answers are not pages.
        return own && !req.path.endsWith(".data") ? await sendOwn(req, res, who, own) : next()
      }
      const request = toFetchRequest(req)
      const context = loadContext(req, res)
      const page = lookup(url, request)
      const state = page ? stateOf(page) : "expired"
      if (page && state === "fresh") return await sendStored(req, res, page, who)
      if (page && state === "stale") {
        if (refreshing < backgroundRenders) {
          refreshing += 1
          render(url, request, context)
            .catch((err) => console.error(`page cache: refreshing ${url} failed`, err))
            .finally(() => (refreshing -= 1))
        }
        return await sendStored(req, res, page, who)
      }
      // A url stored before renders once for all who wait; any other renders for this visitor alone, since it
      // may be a scan (no-store), which must never be shared.
      const rendered = pages.has(url) ? await render(url, request, context) : await renderShared(url, request, context)
      if (rendered.page) await sendStored(req, res, rendered.page, who)
      else await send(res, rendered.answer, who)
    } catch (err) {
      next(err)
    }
  }
}
