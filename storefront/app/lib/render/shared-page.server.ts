import crypto from "node:crypto"
import { localeFromPath, localePath, translator, type Locale } from "../../i18n"
import { CSRF_COOKIE_NAME, csrfToken } from "../security/csrf.server"
import { newNonce } from "../security/security.server"
import { getSession, SESSION_COOKIE_NAME } from "../account/session.server"

/**
 * Pages for visitors without a session are rendered once for all of them and kept by storefront/page-cache.js
 * (docs/decisions/0011-page-caching-and-scan-batching.md). Such a "shared render" carries these stand-ins where
 * a page is per visitor — the CSP nonce (0012) and the browser's CSRF token — and page-cache.js puts each
 * visitor's own values in before the page goes out. They are random per process, so no content can guess them.
 */
export const SHARED_NONCE = newNonce()
export const SHARED_CSRF = crypto.randomBytes(32).toString("base64url")
/** The header's per-shopper parts: the cart badge and the account link (issue 17: carts and logins share too). */
export const SHARED_CART_BADGE = crypto.randomBytes(24).toString("base64url")
// A path, so <Link> keeps it as it is instead of resolving it against the page's own.
export const SHARED_ACCOUNT_HREF = `/${crypto.randomBytes(24).toString("base64url")}`
export const SHARED_ACCOUNT_LABEL = crypto.randomBytes(24).toString("base64url")

/** The header's per-shopper parts as text, the same whether a page is rendered for one shopper or filled in. */
export type SiteNav = { cartBadge: string; accountHref: string; accountLabel: string }

export function siteNav(locale: Locale, shopper: { cartCount: number; loggedIn: boolean }): SiteNav {
  const t = translator(locale)
  return {
    cartBadge: shopper.cartCount > 0 ? ` (${shopper.cartCount})` : "",
    accountHref: localePath(locale, shopper.loggedIn ? "/account" : "/account/login"),
    accountLabel: t(shopper.loggedIn ? "nav.account" : "nav.login"),
  }
}

export const SHARED_NAV: SiteNav = { cartBadge: SHARED_CART_BADGE, accountHref: SHARED_ACCOUNT_HREF, accountLabel: SHARED_ACCOUNT_LABEL }

/** What page-cache.js adds to the load context of a shared render. */
export function isSharedRender(context: unknown): boolean {
  return (context as { sharedPage?: unknown } | null)?.sharedPage === true
}

/**
 * A render page-cache.js fills in for each answer: a shared one, or a shopper's own page (cart, checkout) that it
 * may keep for that shopper (decision 0074). Both carry the stand-ins instead of the nonce, token and header.
 */
export function rendersStandIns(context: unknown): boolean {
  return isSharedRender(context) || (context as { ownPage?: unknown } | null)?.ownPage === true
}

export type SharedPageVisitor = {
  /** The stand-ins a shared render may carry; an answer without them is the same for everyone. */
  standIns: string[]
  /** The visitor carries a session cookie (cart, login): page-cache.js gives it only pages known to be shared. */
  session: boolean
  /** The shop's own cookies of this visitor, as a Cookie header (others left out): for its own pages. */
  cookies: string
  /** This visitor's values: stand-in → value pairs, and the CSRF cookie to set on a first visit. */
  fill: () => Promise<{ replacements: [string, string][]; setCookie: string | null }>
}

/** Only the shop's own cookies matter to a page; others (analytics, a load balancer's) are ignored. */
const SHOP_COOKIES = new Set([CSRF_COOKIE_NAME, SESSION_COOKIE_NAME])

/** What a visitor's own cookies say, once read: the same cookies say the same until they change. */
type Verified = { csrf: string; cartCount: number; loggedIn: boolean }
/**
 * A digest of the shop cookies → what they say, least recently used first. A digest, as page-cache.js keys own
 * pages: the memory holds no session cookie (it carries the customer's token). Each entry is a digest and three
 * small values, so the count bounds the bytes too (about 0.3 MB).
 */
const verified = new Map<string, Verified>()
const VERIFIED_MAX_ENTRIES = 2000

/** Test seam: the number of cookie sets remembered. */
export function verifiedCookieCount(): number {
  return verified.size
}

/**
 * The CSRF token and the header's facts from a visitor's own cookies. Verifying the signatures and reading the
 * session cost a shopper with a cart or a login most of what filling a page in costs (issue 17), so what cookies
 * say is remembered: a signed cookie says the same for as long as its value is the same, and any change (an item
 * added, a login, a logout) is a new value. A forged session reads as none, and is remembered as that. A missing
 * or forged CSRF cookie (a new token and cookie each time) is never remembered.
 */
async function readCookies(own: string): Promise<Verified & { setCookie: string | null }> {
  const digest = own ? crypto.createHash("sha256").update(own).digest("base64url") : null
  const known = digest ? verified.get(digest) : undefined
  if (digest && known) {
    verified.delete(digest)
    verified.set(digest, known)
    return { ...known, setCookie: null }
  }
  const request = new Request("http://shared-page/", { headers: own ? { cookie: own } : {} })
  const [csrf, session] = await Promise.all([csrfToken(request, {}), getSession(request)])
  const what = { csrf: csrf.token, cartCount: session.get("cartCount") ?? 0, loggedIn: Boolean(session.get("token")) }
  if (digest && !csrf.setCookie) {
    verified.set(digest, what)
    if (verified.size > VERIFIED_MAX_ENTRIES) verified.delete(verified.keys().next().value!)
  }
  return { ...what, setCookie: csrf.setCookie }
}

/**
 * For page-cache.js (through build.entry.module): how to fill a shared render in for this visitor: a fresh
 * nonce, its own CSRF token (a new one, with its cookie, on a first visit or when the cookie does not verify)
 * and the header's cart badge and account link from its signed session cookie. Catalogue pages read nothing
 * else of the session (their loaders never call getSession), so a shopper with a cart or a login shares them;
 * pages that are one shopper's own say `private, no-store` and are never shared (page-cache.js keeps them for
 * that shopper alone, decision 0074). The cookies the shop did not set are left out of the request, so they
 * cannot make a page personal.
 */
export function sharedPageVisitor(cookieHeader: string | undefined, url = "/"): SharedPageVisitor {
  const own = (cookieHeader ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter((part) => SHOP_COOKIES.has(part.split("=")[0]!))
    .join("; ")
  return {
    cookies: own,
    session: own.split("; ").some((part) => part.split("=")[0] === SESSION_COOKIE_NAME),
    standIns: [SHARED_NONCE, SHARED_CSRF, SHARED_CART_BADGE, SHARED_ACCOUNT_HREF, SHARED_ACCOUNT_LABEL],
    async fill() {
      const read = await readCookies(own)
      const nav = siteNav(localeFromPath(new URL(url, "http://shared-page").pathname), read)
      return {
        replacements: [
          [SHARED_NONCE, newNonce()],
          [SHARED_CSRF, read.csrf],
          [SHARED_CART_BADGE, nav.cartBadge],
          [SHARED_ACCOUNT_HREF, nav.accountHref],
          [SHARED_ACCOUNT_LABEL, nav.accountLabel],
        ],
        setCookie: read.setCookie,
      }
    },
  }
}
