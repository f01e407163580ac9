import type { HttpTypes } from "@medusajs/types"
import { CART_FIELDS } from "./cart.server"
import { customerHeaders, sdk } from "./medusa.server"
import type { ShopSession } from "./session.server"

// Checkout steps on Medusa's cart. Money and stock changes happen in Medusa's workflows (cart completion).

export { firstOpenStep, parseStep, stepReachable, STEPS, type Step } from "./checkout-steps"

export async function updateCart(session: ShopSession, cartId: string, body: HttpTypes.StoreUpdateCart) {
  const { cart } = await sdk.store.cart.update(cartId, body, { fields: CART_FIELDS }, customerHeaders(session))
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
  const { cart } = await sdk.store.cart.addShippingMethod(cartId, { option_id: optionId }, { fields: CART_FIELDS }, customerHeaders(session))
  return cart
}

export async function setPaymentProvider(session: ShopSession, cart: HttpTypes.StoreCart, providerId: string) {
  await sdk.store.payment.initiatePaymentSession(cart, { provider_id: providerId }, {}, customerHeaders(session))
}

export type PlaceOrderResult = { ok: true; order: HttpTypes.StoreOrder } | { ok: false; message: string }

export async function placeOrder(session: ShopSession, cartId: string): Promise<PlaceOrderResult> {
  const result = await sdk.store.cart.complete(cartId, {}, customerHeaders(session))
  if (result.type === "order") return { ok: true, order: result.order }
  return { ok: false, message: result.error?.message ?? "the cart could not be completed" }
}
