import type { HeadersFunction } from "@remix-run/node"
import { isSharedRender } from "./shared-page.server"

/**
 * Cache-Control of a public page (catalogue, lot provenance): a shared cache (page-cache.js, or a CDN for the
 * lot pages) may keep it 1 s and serve it 1 s longer while it refreshes; browsers revalidate every time. With the
 * catalogue cache's bound (about 2 s after a change) a change shows within 5 s
 * (docs/decisions/0011-page-caching-and-scan-batching.md). page-cache.js keeps such a page longer while the
 * content stamp it was rendered under is current, so a page that sends this must read only data kept under the
 * stamp (the catalogue, herb and lot caches), never scan counts or anything else the stamp does not cover.
 */
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=1"

/**
 * A catalogue page may be kept by page-cache.js when it is its shared render (stand-ins for the nonce and the
 * CSRF token, shared-page.server.ts); rendered for one visitor (cart, login) it is theirs alone. page-cache.js
 * sends the filled-in copies as private too, so no cache further on keeps a visitor's token.
 */
export function pageCacheHeaders(context: unknown): Record<string, string> {
  return { "Cache-Control": isSharedRender(context) ? PUBLIC_PAGE_CACHE_CONTROL : "private, no-cache" }
}

/** The `headers` export of a page whose loader returned pageCacheHeaders(). */
export const loaderCacheControl: HeadersFunction = ({ loaderHeaders }) => {
  const headers: Record<string, string> = {}
  const cacheControl = loaderHeaders.get("Cache-Control")
  if (cacheControl) headers["Cache-Control"] = cacheControl
  return headers
}

/**
 * A page of one shopper (cart, checkout, account, login, an order): no cache may keep it, neither page-cache.js
 * (it stores `public` answers only) nor a browser's or a proxy's (issue 10, item 14). Loaders' own Cache-Control
 * does not reach the document, so each such route exports this as its `headers`; it also passes on a
 * throttle's Retry-After (429) from the action.
 */
export const PERSONAL_CACHE_CONTROL = "private, no-store"

export const personalPageHeaders: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const headers: Record<string, string> = { "Cache-Control": PERSONAL_CACHE_CONTROL }
  const retryAfter = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After")
  if (retryAfter) headers["Retry-After"] = retryAfter
  return headers
}
