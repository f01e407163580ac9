import type { HttpTypes } from "@medusajs/types"
import { config } from "../config.server"

export type StripeCheckout = { publishableKey: string; clientSecret: string }

/**
 * What the Payment Element needs for the cart's Stripe session (cards or PromptPay through Stripe): the
 * publishable key and the PaymentIntent's client secret. Null when Stripe is not configured or not chosen.
 */
export function stripeCheckout(cart: HttpTypes.StoreCart): StripeCheckout | null {
  const session = cart.payment_collection?.payment_sessions?.find((s) => s.provider_id.startsWith("pp_stripe"))
  const clientSecret = (session?.data as { client_secret?: unknown } | undefined)?.client_secret
  if (!config.stripePublishableKey || typeof clientSecret !== "string") return null
  return { publishableKey: config.stripePublishableKey, clientSecret }
}
