import type { HttpTypes } from "@medusajs/types"
import type { Locale, MessageKey } from "~/i18n"
import { thaiRegion, variantTitles } from "../catalogue/catalogue.server"
import { mediaUrl } from "../medusa/media.server"
import { customerHeaders, fetchStatus, refusalCode, sdk, StoreRefusal, storePost } from "../medusa/medusa.server"
import { idSegment, medusaId } from "../medusa/medusa-ids.server"
import type { ShopSession } from "../account/session.server"
import { cartCache } from "./cart-cache.server"

// Per-customer data: never in the shared caches. The cart id lives in the signed, httpOnly session cookie; the cart
// itself, as this storefront last read or wrote it, in the per-cart cache (cart-cache.server.ts, decision 0070):
// every write below hands Medusa's answer to it.

export const CART_FIELDS =
  "id,email,metadata,currency_code,region_id,customer_id,completed_at,total,subtotal,item_total,item_subtotal,tax_total,shipping_total," +
  "*items,*shipping_address,*billing_address,*shipping_methods,*payment_collection,*payment_collection.payment_sessions"

export type CartLine = {
  id: string
  variantId: string | null
  handle: string | null
  title: string
  variantTitle: string
  thumbnail: string | null
  quantity: number
  unitPrice: number
  total: number
}

export type CartView = {
  id: string
  email: string | null
  lines: CartLine[]
  count: number
  itemTotal: number
  shippingTotal: number
  taxTotal: number
  total: number
}

export async function retrieveCart(session: ShopSession): Promise<HttpTypes.StoreCart | null> {
  const id = medusaId("cart", session.get("cartId"))
  if (!id) return null
  try {
    const cart = await cartCache.get(session, id, async () => (await sdk.store.cart.retrieve(idSegment("cart", id), { fields: CART_FIELDS }, customerHeaders(session))).cart)
    if (cart.completed_at) return null
    return cart
  } catch (err) {
    // A cart that no longer exists (or belongs to another customer) is simply forgotten.
    if (fetchStatus(err) === 404 || fetchStatus(err) === 400 || fetchStatus(err) === 401) {
      session.unset("cartId")
      session.set("cartCount", 0)
      return null
    }
    throw err
  }
}

export async function ensureCart(session: ShopSession): Promise<HttpTypes.StoreCart> {
  const existing = await retrieveCart(session)
  if (existing) return existing
  const region = await thaiRegion()
  const { cart } = await sdk.store.cart.create({ region_id: region.id }, { fields: CART_FIELDS }, customerHeaders(session))
  cartCache.keep(session, cart)
  session.set("cartId", cart.id)
  await rememberCartOfCustomer(session, cart.id)
  return cart
}

export function countItems(cart: HttpTypes.StoreCart | null): number {
  return (cart?.items ?? []).reduce((n, item) => n + item.quantity, 0)
}

export function remember(session: ShopSession, cart: HttpTypes.StoreCart | null): void {
  session.set("cartCount", countItems(cart))
}

export async function cartView(cart: HttpTypes.StoreCart, locale: Locale): Promise<CartView> {
  const titles = await variantTitles(locale)
  const lines = (cart.items ?? [])
    .map((item) => {
      const names = item.variant_id ? titles.get(item.variant_id) : undefined
      return {
        id: item.id,
        variantId: item.variant_id ?? null,
        handle: names?.handle ?? item.product_handle ?? null,
        title: names?.product ?? item.product_title ?? item.title,
        variantTitle: names?.variant ?? item.variant_title ?? "",
        thumbnail: mediaUrl(item.thumbnail),
        quantity: item.quantity,
        unitPrice: item.unit_price,
        total: item.total ?? item.unit_price * item.quantity,
      }
    })
    .sort((a, b) => a.title.localeCompare(b.title) || a.variantTitle.localeCompare(b.variantTitle))
  return {
    id: cart.id,
    email: cart.email ?? null,
    lines,
    count: countItems(cart),
    itemTotal: cart.item_total ?? 0,
    shippingTotal: cart.shipping_total ?? 0,
    taxTotal: cart.tax_total ?? 0,
    total: cart.total ?? 0,
  }
}

const withCartFields = `?${new URLSearchParams({ fields: CART_FIELDS })}`

// Adding and changing lines keep the backend's refusal codes (quantity limits, stock): see cartRefusal.
export async function addLine(session: ShopSession, variantId: string, quantity: number): Promise<HttpTypes.StoreCart> {
  const cart = await ensureCart(session)
  const path = `/store/carts/${idSegment("cart", cart.id)}/line-items${withCartFields}`
  return keptCart(session, cart.id, storePost<{ cart: HttpTypes.StoreCart }>(session, path, { variant_id: variantId, quantity }))
}

/**
 * A cart write's answer, kept in the per-cart cache. A refused write may still have changed the cart (Medusa's
 * workflows refresh prices and lines before they refuse), so then the entry is dropped and the next view asks.
 */
export async function keptCart(session: ShopSession, cartId: string, write: Promise<{ cart: HttpTypes.StoreCart }>): Promise<HttpTypes.StoreCart> {
  try {
    const { cart } = await write
    cartCache.keep(session, cart)
    return cart
  } catch (err) {
    cartCache.forget(cartId)
    throw err
  }
}

export async function updateLine(session: ShopSession, lineId: string, quantity: number): Promise<HttpTypes.StoreCart | null> {
  const cart = await retrieveCart(session)
  if (!cart) return null
  const path = `/store/carts/${idSegment("cart", cart.id)}/line-items/${idSegment("lineItem", lineId)}${withCartFields}`
  return keptCart(session, cart.id, storePost<{ cart: HttpTypes.StoreCart }>(session, path, { quantity }))
}

export type CartRefusal = { error: MessageKey; vars?: Record<string, number> }

/**
 * What to tell the shopper when the backend refused a cart write (decision 0023): over the quantity limits
 * (with the limit), not enough stock, or anything else. Null for errors that are not a refusal (5xx, network).
 */
export function cartRefusal(err: unknown): CartRefusal | null {
  const status = fetchStatus(err)
  if (!status || status < 400 || status >= 500) return null
  const limit = err instanceof StoreRefusal ? Number(err.body.limit) : NaN
  switch (refusalCode(err)) {
    case "line_quantity_limit":
      return Number.isFinite(limit) ? { error: "error.lineLimit", vars: { n: limit } } : { error: "error.generic" }
    case "order_quantity_limit":
      return Number.isFinite(limit) ? { error: "error.orderLimit", vars: { n: limit } } : { error: "error.generic" }
    case "out_of_stock":
      return { error: "error.stock" }
    default:
      return { error: "error.generic" }
  }
}

export async function removeLine(session: ShopSession, lineId: string): Promise<HttpTypes.StoreCart | null> {
  const cart = await retrieveCart(session)
  if (!cart) return null
  // Medusa answers a deleted line with the cart it was on (`parent`), read with the fields asked for.
  const headers = customerHeaders(session)
  const id = idSegment("cart", cart.id)
  const write = sdk.store.cart.deleteLineItem(id, idSegment("lineItem", lineId), { fields: CART_FIELDS }, headers).then(async ({ parent }) => ({
    cart: (parent as HttpTypes.StoreCart | undefined) ?? (await sdk.store.cart.retrieve(id, { fields: CART_FIELDS }, headers)).cart,
  }))
  return keptCart(session, cart.id, write)
}

/**
 * On login the customer gets one cart: this browser's anonymous cart and the cart they left open when they
 * last logged out (its id is kept in the customer's metadata) are merged, the older cart's lines added to this
 * browser's cart.
 */
export async function mergeCartsOnLogin(session: ShopSession, customer: HttpTypes.StoreCustomer): Promise<void> {
  const headers = customerHeaders(session)
  // The customer can write their own metadata through the store API: the saved id is checked like any input.
  const savedId = medusaId("cart", customer.metadata?.cart_id)
  const browserId = medusaId("cart", session.get("cartId"))
  const saved = savedId && savedId !== browserId ? await openCart(savedId, headers) : null
  let cart = browserId ? await openCart(browserId, headers) : null
  let complete = true
  if (cart) {
    cart = (await sdk.store.cart.transferCart(idSegment("cart", cart.id), { fields: CART_FIELDS }, headers)).cart
    for (const item of saved?.items ?? []) {
      if (!item.variant_id) continue
      try {
        cart = (await sdk.store.cart.createLineItem(idSegment("cart", cart.id), { variant_id: item.variant_id, quantity: item.quantity }, { fields: CART_FIELDS }, headers)).cart
      } catch (err) {
        // A line that can no longer be bought (stock, unpublished) is dropped rather than blocking the login.
        console.warn("cart: could not merge a saved line", (err as Error).message)
        complete = false
      }
    }
  } else {
    cart = saved
  }
  if (!cart) return
  // After a refused line Medusa may have changed the cart since its last answer: then the next view asks.
  if (complete) cartCache.keep(session, cart)
  else cartCache.forget(cart.id)
  session.set("cartId", cart.id)
  remember(session, cart)
  if (cart.id !== savedId) await rememberCartOfCustomer(session, cart.id)
}

/** Keeps the logged-in customer's open cart id in their metadata, so the cart follows them to the next login. */
export async function rememberCartOfCustomer(session: ShopSession, cartId: string): Promise<void> {
  if (!session.get("token")) return
  await sdk.store.customer.update({ metadata: { cart_id: cartId } }, {}, customerHeaders(session))
}

async function openCart(id: string, headers: Record<string, string>): Promise<HttpTypes.StoreCart | null> {
  try {
    const { cart } = await sdk.store.cart.retrieve(idSegment("cart", id), { fields: CART_FIELDS }, headers)
    return cart.completed_at ? null : cart
  } catch (err) {
    const status = fetchStatus(err)
    if (status === 404 || status === 400 || status === 401 || status === 403) return null
    throw err
  }
}

/** "1", "12" → number in 1..99; anything else → null. */
/** A quantity after a stepper's +1 or −1 (kept within 0…99); without a valid step, the quantity as it is. */
export function stepQuantity(quantity: number | null, step: FormDataEntryValue | null): number | null {
  if (quantity === null || (step !== "1" && step !== "-1")) return quantity
  return Math.min(99, Math.max(0, quantity + Number(step)))
}

export function parseQuantity(value: FormDataEntryValue | null, allowZero = false): number | null {
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value.trim())) return null
  const n = Number(value.trim())
  return n >= (allowZero ? 0 : 1) && n <= 99 ? n : null
}
