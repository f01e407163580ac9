import crypto from "node:crypto"
import { localePath, type Locale } from "../../i18n"
import { config } from "../config.server"

/**
 * Signed links to an order's confirmation page (docs/decisions/0025-order-access.md). The page opens for the
 * browser that placed the order (its signed session remembers it) or for such a link: an HMAC of the order id and
 * an expiry under a key derived from the storefront's session secret, so it can go into the order e-mail and
 * cannot be made for another order. `signedOrderUrl` is what an e-mail sender calls.
 */
const PURPOSE = "mae-mok order confirmation link v1"
export const ORDER_LINK_DAYS = 180

let key: Buffer | undefined
function linkKey(): Buffer {
  // A key of its own, so a link's MAC can never stand in for a cookie signature or the reverse.
  key ??= crypto.createHmac("sha256", config.sessionSecret).update(PURPOSE).digest()
  return key
}

function signature(orderId: string, until: number): string {
  return crypto.createHmac("sha256", linkKey()).update(`${orderId}\n${until}`).digest("base64url")
}

/** "/order/{id}/confirmed?until=…&sig=…" (under "/en" for English), valid `days` days from `now`. */
export function signedOrderPath(orderId: string, locale: Locale, options: { now?: number; days?: number } = {}): string {
  const until = Math.floor((options.now ?? Date.now()) / 1000) + (options.days ?? ORDER_LINK_DAYS) * 86_400
  return `${localePath(locale, `/order/${encodeURIComponent(orderId)}/confirmed`)}?until=${until}&sig=${signature(orderId, until)}`
}

/** The same on the shop's public origin (STOREFRONT_URL): for the order e-mail. */
export function signedOrderUrl(orderId: string, locale: Locale, options: { now?: number; days?: number } = {}): string {
  return config.storefrontUrl + signedOrderPath(orderId, locale, options)
}

/** Does this URL's query carry a valid, unexpired signature for this order? */
export function verifyOrderLink(orderId: string, search: URLSearchParams, now = Date.now()): boolean {
  const until = Number(search.get("until"))
  const sig = search.get("sig") ?? ""
  if (!Number.isSafeInteger(until) || until * 1000 < now || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false
  const expected = Buffer.from(signature(orderId, until))
  const given = Buffer.from(sig)
  return expected.length === given.length && crypto.timingSafeEqual(expected, given)
}
