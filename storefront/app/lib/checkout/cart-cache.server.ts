import crypto from "node:crypto"
import type { HttpTypes } from "@medusajs/types"
import { config } from "../config.server"
import { createSwrCache } from "../render/cache.server"
import { contentStamp, type ContentVersion } from "../render/content-version.server"
import type { ShopSession } from "../account/session.server"

/**
 * Each cart as this storefront last read or wrote it, by cart id (docs/decisions/0070-cart-cache.md). A cart id
 * is unguessable and comes only from the shopper's signed session cookie, so an entry is reachable only by the
 * shopper whose cart it is. Every cart write the storefront makes stores Medusa's answer (`keepCart`); what
 * changes elsewhere is caught by the content stamp (prices, stock, products: an entry lives only under the stamp
 * it was read under), by a short age limit (an admin's edit, another storefront process), and by `forgetCart`
 * (completion, a payment session, which Medusa answers without the cart).
 */

/** Whose view of the cart an entry is: the customer token it was read with (none for a guest). */
type Held = { viewer: string; cart: HttpTypes.StoreCart }

// Bounds: a cart's JSON is a few KB; 5000 carts fill at most 32 MB.
const MAX_CARTS = 5000
const MAX_BYTES = 32 * 1024 * 1024

export function createCartCache(options: {
  ttlMs: number
  now?: () => number
  version?: () => ContentVersion | null
  maxEntries?: number
  maxBytes?: number
}) {
  const cache = createSwrCache({
    // Trust the stamp only as the public caches do; without it an entry serves at most as old as they do.
    freshMs: 0,
    maxAgeMs: Math.min(options.ttlMs, config.catalogueMaxAgeMs),
    expireMs: options.ttlMs,
    // A cart read again after half its age limit is refreshed in the background, so a shopper who keeps
    // coming back never waits on Medusa for it, and entries filled at the same moment do not expire together.
    revalidateMs: options.ttlMs / 2,
    maxEntries: options.maxEntries ?? MAX_CARTS,
    maxBytes: options.maxBytes ?? MAX_BYTES,
    sizeOf: (held) => Buffer.byteLength(JSON.stringify((held as Held).cart)),
    ...(options.version ? { version: options.version } : contentStamp),
    now: options.now,
  })
  const off = options.ttlMs <= 0
  return {
    /** The cart, from the cache when this viewer's entry is current, else from `load` (then kept unless completed). */
    async get(session: ShopSession, cartId: string, load: () => Promise<HttpTypes.StoreCart>): Promise<HttpTypes.StoreCart> {
      if (off) return load()
      const viewer = viewerOf(session)
      const read = async (): Promise<Held> => ({ viewer, cart: await load() })
      const open = (held: Held) => !held.cart.completed_at
      const held = await cache.get(cartId, read, open)
      if (held.viewer === viewer) return held.cart
      // Read with another login (before a login, or after a logout): ask Medusa as this viewer.
      const own = await read()
      if (open(own)) cache.set(cartId, own)
      else cache.delete(cartId)
      return own.cart
    },
    keep(session: ShopSession, cart: HttpTypes.StoreCart): void {
      if (off) return
      if (cart.completed_at) cache.delete(cart.id)
      else cache.set(cart.id, { viewer: viewerOf(session), cart } satisfies Held)
    },
    forget(cartId: string): void {
      cache.delete(cartId)
    },
    size: () => cache.size(),
  }
}

/** A digest, so the cache holds no customer token. */
function viewerOf(session: ShopSession): string {
  const token = session.get("token")
  return token ? crypto.createHash("sha256").update(token).digest("base64url").slice(0, 22) : ""
}

export const cartCache = createCartCache({ ttlMs: config.cartCacheMs })
