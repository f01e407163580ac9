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
  /** The stand-ins a shared render may carry; an answer without them is the same for everyone. */
  standIns: string[]
  /** This visitor's values: stand-in → value pairs, and the CSRF cookie to set on a first visit. */
  fill: () => Promise<{ replacements: [string, string][]; setCookie: string | null }>
}

/**
 * For page-cache.js (through build.entry.module): null when the request's cookies make it personal (anything
 * but the CSRF cookie: a cart, a login), else how to fill a shared render in for this visitor: a fresh nonce
 * and its own CSRF token (a new one, with its cookie, on a first visit or when the cookie does not verify).
 */
export function sharedPageVisitor(cookieHeader: string | undefined): SharedPageVisitor | null {
  const names = (cookieHeader ?? "")
    .split(";")
    .map((part) => part.split("=")[0]!.trim())
    .filter(Boolean)
  if (names.some((name) => name !== CSRF_COOKIE_NAME)) return null
  return {
    standIns: [SHARED_NONCE, SHARED_CSRF],
    async fill() {
      const request = new Request("http://shared-page/", { headers: cookieHeader ? { cookie: cookieHeader } : {} })
      const csrf = await csrfToken(request, {})
      return {
        replacements: [
          [SHARED_NONCE, newNonce()],
          [SHARED_CSRF, csrf.token],
        ],
        setCookie: csrf.setCookie,
      }
    },
  }
}
