import type { HttpTypes } from "@medusajs/types"
import type { MessageKey } from "~/i18n"
import { config } from "./config.server"
import { sdk } from "./medusa.server"

/**
 * The seam for payment providers. Each provider the cart's region offers maps to a method kind with its own
 * component (app/components/payment-method.tsx). Stripe and PromptPay (payments issue) add a kind here and a
 * component there; nothing else in the checkout changes. Stripe.js is only ever loaded when
 * STRIPE_PUBLISHABLE_KEY is configured (see `clientConfig`).
 */
export type PaymentKind = "manual" | "stripe" | "promptpay"

export type PaymentMethod = { providerId: string; kind: PaymentKind; label: MessageKey; help: MessageKey | null }

function kindOf(providerId: string): PaymentKind | null {
  if (providerId === "pp_system_default") return "manual"
  if (providerId.startsWith("pp_stripe")) return config.stripePublishableKey ? "stripe" : null
  if (providerId.includes("promptpay")) return "promptpay"
  return null
}

const LABELS: Record<"manual", { label: MessageKey; help: MessageKey }> = {
  manual: { label: "payment.manual", help: "payment.manualHelp" },
}

export async function paymentMethods(cart: HttpTypes.StoreCart): Promise<PaymentMethod[]> {
  const { payment_providers } = await sdk.store.payment.listPaymentProviders({ region_id: cart.region_id! })
  const methods: PaymentMethod[] = []
  for (const provider of payment_providers) {
    const kind = kindOf(provider.id)
    if (kind === "manual") methods.push({ providerId: provider.id, kind, ...LABELS.manual })
    // Other kinds are listed once their components exist (payments issue).
  }
  return methods
}

/** What the browser may know about payments (never secrets). */
export function clientConfig() {
  return { stripePublishableKey: config.stripePublishableKey || null }
}
