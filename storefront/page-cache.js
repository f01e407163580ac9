// A small shared HTTP cache in front of Remix, for visitors without cookies: what a CDN or a caching
// reverse proxy would do, following the pages' own Cache-Control (public, s-maxage, stale-while-revalidate)
// and Vary. Pages for a visitor with a cookie (cart, login) always render for them.
// See docs/decisions/0011-page-caching-and-scan-batching.md.
import crypto from "node:crypto"
import zlib from "node:zlib"

const MAX_BODY_BYTES = 1024 * 1024

/** s-maxage and stale-while-revalidate (seconds) of a response a shared cache may store, else null. */
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

function toFetchRequest(req) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v))
    else if (value !== undefined) headers.set(name, value)
  }
  return new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, { method: "GET", headers })
}

/**
 * Express middleware: answers cookie-less GETs from the cache while the stored page is fresh, serves it
 * stale while one background render runs within stale-while-revalidate, and renders through
 * `handle(request, loadContext)` (Remix's fetch handler) otherwise. Bounded to `maxEntries` pages.
 */
export function pageCache({ handle, loadContext, maxEntries = 500, now = Date.now }) {
  /** url → stored variants (one per value of the headers its Vary names) */
  const pages = new Map()
  const rendering = new Map()
  let stored = 0

  const varyKey = (names, request) => names.map((n) => `${n}=${request.headers.get(n) ?? ""}`).join("\n")

  function lookup(url, request) {
    return (pages.get(url) ?? []).find((page) => page.varyKey === varyKey(page.vary, request))
  }

  /** Stores a page a shared cache may keep; a url that answers otherwise now (a recalled lot: 410) is dropped. */
  function store(url, request, response, body) {
    const vary = (response.headers.get("vary") ?? "")
      .toLowerCase()
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v && v !== "accept-encoding")
    const lifetime = sharedCacheLifetime(response.headers)
    if (response.status !== 200 || !lifetime || body.length > MAX_BODY_BYTES) {
      const variants = pages.get(url)
      if (!variants) return null
      const rest = variants.filter((p) => p.varyKey !== varyKey(p.vary, request))
      stored -= variants.length - rest.length
      if (rest.length) pages.set(url, rest)
      else pages.delete(url)
      return null
    }
    const headers = [...response.headers].filter(([name]) => !["content-length", "content-encoding", "vary"].includes(name))
    const page = {
      vary,
      varyKey: varyKey(vary, request),
      headers,
      body,
      gzip: zlib.gzipSync(body),
      etag: `W/"${crypto.createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
      storedAt: now(),
      ...lifetime,
    }
    const variants = (pages.get(url) ?? []).filter((p) => p.varyKey !== page.varyKey)
    stored -= (pages.get(url) ?? []).length - variants.length
    pages.delete(url)
    pages.set(url, [...variants.slice(-7), page])
    stored += 1
    while (stored > maxEntries) {
      const [oldest, list] = pages.entries().next().value
      stored -= list.length
      pages.delete(oldest)
    }
    return page
  }

  /** Renders once per url and variant at a time; concurrent misses wait for the same render. */
  function render(url, request, context) {
    const key = `${url}\n${request.headers.get("accept") ?? ""}\n${request.headers.get("accept-language") ?? ""}`
    const running = rendering.get(key)
    if (running) return running
    const promise = renderOwn(url, request, context).finally(() => rendering.delete(key))
    rendering.set(key, promise)
    return promise
  }

  function sendStored(req, res, page) {
    for (const [name, value] of page.headers) res.setHeader(name, value)
    res.setHeader("Vary", [...page.vary, "accept-encoding"].join(", "))
    res.setHeader("ETag", page.etag)
    res.setHeader("Age", String(Math.max(0, Math.floor((now() - page.storedAt) / 1000))))
    if (req.headers["if-none-match"] === page.etag) return void res.status(304).end()
    const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")
    if (gzip) res.setHeader("Content-Encoding", "gzip")
    res.status(200).end(gzip ? page.gzip : page.body)
  }

  return async function pageCacheMiddleware(req, res, next) {
    if (req.method !== "GET" || req.headers.cookie || req.headers.authorization) return next()
    try {
      const url = req.originalUrl
      const request = toFetchRequest(req)
      const page = lookup(url, request)
      const age = page ? (now() - page.storedAt) / 1000 : Infinity
      if (page && age <= page.fresh) return sendStored(req, res, page)
      if (page && age <= page.fresh + page.stale) {
        sendStored(req, res, page)
        render(url, request, loadContext(req)).catch((err) => console.error(`page cache: refreshing ${url} failed`, err))
        return
      }
      // A url stored before renders once for all who wait; any other renders for this visitor alone, since it
      // may be a scan (no-store), which must never be shared.
      const { response, body, page: rendered } = pages.has(url) ? await render(url, request, loadContext(req)) : await renderOwn(url, request, loadContext(req))
      if (rendered) return sendStored(req, res, rendered)
      res.status(response.status)
      for (const [name, value] of response.headers) if (name !== "set-cookie" && name !== "content-length") res.setHeader(name, value)
      const cookies = response.headers.getSetCookie()
      if (cookies.length) res.setHeader("Set-Cookie", cookies)
      res.end(body)
    } catch (err) {
      next(err)
    }
  }

  async function renderOwn(url, request, context) {
    const response = await handle(request, context)
    const body = Buffer.from(await response.arrayBuffer())
    return { response, body, page: store(url, request, response, body) }
  }
}
