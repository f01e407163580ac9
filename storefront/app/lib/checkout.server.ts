import type { HttpTypes } from "@medusajs/types"
import { CART_FIELDS } from "./cart.server"
import { FetchError } from "@medusajs/js-sdk"
import { backendPost, customerHeaders, forwardedClient, sdk } from "./medusa.server"
import { idSegment } from "./medusa-ids.server"
import type { ShopSession } from "./session.server"

// Checkout steps on Medusa's cart. Money and stock changes happen in Medusa's workflows (cart completion).

export { firstOpenStep, parseStep, stepReachable, STEPS, type Step } from "./checkout-steps"

export async function updateCart(session: ShopSession, cartId: string, body: HttpTypes.StoreUpdateCart) {
  const { cart } = await sdk.store.cart.update(idSegment("cart", cartId), body, { fields: CART_FIELDS }, customerHeaders(session))
  return cart
}

export type ShippingOptionView = { id: string; name: string; amount: number }

export async function shippingOptions(session: ShopSession, cartId: string): Promise<ShippingOptionView[]> {
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cartId }, customerHeaders(session))
  return shipping_options
    .map((o) => ({ id: o.id, name: o.name, amount: typeof o.amount === "number" ? o.amount : Number(o.calculated_price?.calculated_amount ?? 0) }))
    .sort((a, b) => a.amount - b.amount)
}

export async function setShippingMethod(session: ShopSession, cartId: string, optionId: string) {
  const { cart } = await sdk.store.cart.addShippingMethod(idSegment("cart", cartId), { option_id: optionId }, { fields: CART_FIELDS }, customerHeaders(session))
  return cart
}

export async function setPaymentProvider(session: ShopSession, cart: HttpTypes.StoreCart, providerId: string) {
  // The SDK puts the cart's payment collection id (from Medusa) into the path.
  if (cart.payment_collection) idSegment("paymentCollection", cart.payment_collection.id)
  await sdk.store.payment.initiatePaymentSession(cart, { provider_id: providerId }, {}, customerHeaders(session))
}

export type PlaceOrderResult =
  | { ok: true; order: HttpTypes.StoreOrder }
  | { ok: false; message: string }
  | { ok: false; throttled: true; retryAfterSeconds: number }

/**
 * Completes the cart. The backend throttles placed orders per buyer IP (decision 0014), so the buyer's IP goes
 * with the storefront's secret, and a 429 comes back as `throttled` with its wait. Other refusals throw a
 * FetchError, as the SDK's calls do.
 */
export async function placeOrder(session: ShopSession, cartId: string, clientIp: string | undefined): Promise<PlaceOrderResult> {
  const answer = await backendPost(`/store/carts/${idSegment("cart", cartId)}/complete`, {}, { ...customerHeaders(session), ...forwardedClient(clientIp) })
  if (answer.retryAfterSeconds !== null) return { ok: false, throttled: true, retryAfterSeconds: answer.retryAfterSeconds }
  const body = answer.body as { type?: string; order?: HttpTypes.StoreOrder; error?: { message?: string }; message?: string } | null
  if (answer.status >= 400 || !body) throw new FetchError(body?.message ?? "the cart could not be completed", "", answer.status)
  if (body.type === "order" && body.order) return { ok: true, order: body.order }
  return { ok: false, message: body.error?.message ?? "the cart could not be completed" }
}
