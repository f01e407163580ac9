import type { HeadersFunction } from "@remix-run/node"

/**
 * Cache-Control of a public page (catalogue, lot provenance): a shared cache (page-cache.js, or a CDN) may
 * keep it 1 s and serve it 1 s longer while it refreshes; browsers revalidate every time (ETag). With the
 * catalogue cache's bound (about 2 s after a change) a change shows within 5 s
 * (docs/decisions/0011-page-caching-and-scan-batching.md).
 */
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=1"

/** A page rendered for a visitor with a cookie (cart, login) is theirs alone. */
export function pageCacheHeaders(request: Request): Record<string, string> {
  const personal = request.headers.has("cookie") || request.headers.has("authorization")
  return { "Cache-Control": personal ? "private, no-cache" : PUBLIC_PAGE_CACHE_CONTROL }
}

/** The `headers` export of a page whose loader returned pageCacheHeaders(). */
export const loaderCacheControl: HeadersFunction = ({ loaderHeaders }) => {
  const headers: Record<string, string> = {}
  const cacheControl = loaderHeaders.get("Cache-Control")
  if (cacheControl) headers["Cache-Control"] = cacheControl
  return headers
}
