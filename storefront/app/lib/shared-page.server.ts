import crypto from "node:crypto"
import { CSRF_COOKIE_NAME, csrfToken } from "./csrf.server"
import { newNonce } from "./security.server"

/**
 * Pages for visitors without a session are rendered once for all of them and kept by storefront/page-cache.js
 * (docs/decisions/0011-page-caching-and-scan-batching.md). Such a "shared render" carries these stand-ins where
 * a page is per visitor — the CSP nonce (0012) and the browser's CSRF token — and page-cache.js puts each
 * visitor's own values in before the page goes out. They are random per process, so no content can guess them.
 */
export const SHARED_NONCE = newNonce()
export const SHARED_CSRF = crypto.randomBytes(32).toString("base64url")

/** What page-cache.js adds to the load context of a shared render. */
export function isSharedRender(context: unknown): boolean {
  return (context as { sharedPage?: unknown } | null)?.sharedPage === true
}

export type SharedPageVisitor = {
  /** Stand-in → this visitor's value, to replace in a shared render's body and headers. */
  replacements: [string, string][]
  /** The CSRF cookie to set on a first visit. */
  setCookie: string | null
}

/**
 * For page-cache.js (through build.entry.module): null when the request's cookies make it personal (anything
 * but the CSRF cookie: a cart, a login), else this visitor's fresh nonce and own CSRF token (a new one, with its
 * cookie, on a first visit or when the cookie does not verify).
 */
export async function sharedPageVisitor(cookieHeader: string | undefined): Promise<SharedPageVisitor | null> {
  const names = (cookieHeader ?? "")
    .split(";")
    .map((part) => part.split("=")[0]!.trim())
    .filter(Boolean)
  if (names.some((name) => name !== CSRF_COOKIE_NAME)) return null
  const csrf = await csrfToken(new Request("http://shared-page/", { headers: cookieHeader ? { cookie: cookieHeader } : {} }), {})
  return {
    replacements: [
      [SHARED_NONCE, newNonce()],
      [SHARED_CSRF, csrf.token],
    ],
    setCookie: csrf.setCookie,
  }
}
