import crypto from "node:crypto"
import type { HttpTypes } from "@medusajs/types"
import type { CheckoutProblem } from "./checkout"
import type { MessageKey } from "~/i18n"
import { CART_FIELDS, cartRefusal, keptCart } from "./cart.server"
import { cartCache } from "./cart-cache.server"
import { config } from "../config.server"
import { createSwrCache } from "../render/cache.server"
import { contentStamp } from "../render/content-version.server"
import { customerHeaders, fetchStatus, forwardedClient, refusalCode, sdk, StoreRefusal, storePost } from "../medusa/medusa.server"
import { idSegment } from "../medusa/medusa-ids.server"
import type { ShopSession } from "../account/session.server"

// The checkout's calls to Medusa's cart. Money and stock changes happen in Medusa's workflows (cart completion).
// The checkout page's loader and action (which step, which intent) are in checkout.server.ts. Each write's answer
// goes to the per-cart cache (decision 0070); writes Medusa answers without the cart make the next view ask.

export async function updateCart(session: ShopSession, cartId: string, body: HttpTypes.StoreUpdateCart) {
  return keptCart(session, cartId, sdk.store.cart.update(idSegment("cart", cartId), body, { fields: CART_FIELDS }, customerHeaders(session)))
}

export type ShippingOptionView = { id: string; name: string; amount: number }

// The options Medusa offers a cart, by what it works them out from (the cart's region, customer, address and
// lines), under the content stamp (shipping options, zones, profiles and their prices are in it).
const offered = createSwrCache({ freshMs: config.catalogueFreshMs, maxAgeMs: config.catalogueMaxAgeMs, maxEntries: 5000, maxBytes: 4 * 1024 * 1024, ...contentStamp })

export async function shippingOptions(session: ShopSession, cart: HttpTypes.StoreCart): Promise<ShippingOptionView[]> {
  const to = cart.shipping_address
  const basis = JSON.stringify([cart.region_id, cart.customer_id, to?.country_code, to?.province, to?.city, to?.postal_code, (cart.items ?? []).map((i) => [i.variant_id, i.quantity])])
  const key = `${cart.id}:${crypto.createHash("sha256").update(basis).digest("base64url")}`
  return offered.get(key, async () => {
    const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id }, customerHeaders(session))
    return shipping_options
      .map((o) => ({ id: o.id, name: o.name, amount: typeof o.amount === "number" ? o.amount : Number(o.calculated_price?.calculated_amount ?? 0) }))
      .sort((a, b) => a.amount - b.amount)
  })
}

export async function setShippingMethod(session: ShopSession, cartId: string, optionId: string) {
  return keptCart(session, cartId, sdk.store.cart.addShippingMethod(idSegment("cart", cartId), { option_id: optionId }, { fields: CART_FIELDS }, customerHeaders(session)))
}

export async function setPaymentProvider(session: ShopSession, cart: HttpTypes.StoreCart, providerId: string) {
  // The SDK puts the cart's payment collection id (from Medusa) into the path.
  if (cart.payment_collection) idSegment("paymentCollection", cart.payment_collection.id)
  try {
    await sdk.store.payment.initiatePaymentSession(cart, { provider_id: providerId }, {}, customerHeaders(session))
  } finally {
    cartCache.forget(cart.id)
  }
}

export type { CheckoutProblem }

export type PlaceOrderResult =
  | { ok: true; order: HttpTypes.StoreOrder }
  | { ok: false; problem: CheckoutProblem; detail: string }
  | { ok: false; throttled: true; retryAfterSeconds: number }

const PAYMENT_PROBLEMS: Record<string, MessageKey> = {
  payment_declined: "checkout.problem.declined",
  payment_requires_more: "checkout.problem.requiresMore",
  payment_not_completed: "checkout.problem.notPaid",
  payment_canceled: "checkout.problem.paymentCanceled",
}

type Completion =
  | { type: "order"; order: HttpTypes.StoreOrder }
  | { type: "cart"; error?: { code?: string; type?: string; message?: string } }

/**
 * Completes the cart (Medusa's cart completion, overridden in the backend: decision 0009) and maps each answer
 * to its own message: the payment needs another step or was declined (Medusa's { type: "cart" } answer and the
 * backend's payment_* codes), another order took the stock (out_of_stock, with the short lines), the cart is over
 * the quantity limits. Other refusals are the generic error; 5xx and network errors are thrown. The backend
 * throttles placed orders per buyer IP (decision 0024), so the buyer's IP goes with the storefront's secret, and
 * a 429 comes back as `throttled` with its wait.
 */
export async function placeOrder(session: ShopSession, cartId: string, clientIp: string | undefined): Promise<PlaceOrderResult> {
  let result: Completion
  try {
    result = await storePost<Completion>(session, `/store/carts/${idSegment("cart", cartId)}/complete`, {}, forwardedClient(clientIp))
  } catch (err) {
    cartCache.forget(cartId)
    if (err instanceof StoreRefusal && err.status === 429) return { ok: false, throttled: true, retryAfterSeconds: err.retryAfterSeconds ?? 60 }
    const refusal = cartRefusal(err)
    if (!refusal) throw err
    const code = refusalCode(err) ?? ""
    const detail = `${fetchStatus(err)} ${code} ${(err as Error).message}`
    if (PAYMENT_PROBLEMS[code]) return { ok: false, problem: { error: PAYMENT_PROBLEMS[code] }, detail }
    if (code === "out_of_stock") {
      const lines = ((err as StoreRefusal).body.lines ?? []) as { id?: unknown; available?: unknown }[]
      const shortLines = lines.flatMap((l) => (typeof l.id === "string" ? [{ id: l.id, available: Number(l.available) || 0 }] : []))
      return { ok: false, problem: { error: "checkout.problem.stock", shortLines }, detail }
    }
    return { ok: false, problem: refusal, detail }
  }
  // Placed or not, completion changed the cart (an order, or a payment's state): the next view asks Medusa.
  cartCache.forget(cartId)
  if (result.type === "order") return { ok: true, order: result.order }
  // Medusa's own answer when the payment provider did not authorize: needs more (3-D Secure, QR) or declined.
  const error = result.error ?? {}
  const key =
    PAYMENT_PROBLEMS[error.code ?? ""] ??
    (error.type === "payment_requires_more_error" ? "checkout.problem.requiresMore" : "checkout.problem.declined")
  return { ok: false, problem: { error: key }, detail: `200 cart ${error.code ?? error.type ?? ""} ${error.message ?? ""}` }
}
