import type { HttpTypes } from "@medusajs/types"
import type { PromptPaySessionData } from "@mae-mok/traceability"
import type { OrderPaymentView } from "./checkout"
import type { MessageKey } from "~/i18n"
import { config } from "../config.server"
import { createSwrCache } from "../render/cache.server"
import { contentStamp } from "../render/content-version.server"
import { forwardedClient, sdk } from "../medusa/medusa.server"
import { idSegment } from "../medusa/medusa-ids.server"

/**
 * The seam for payment providers. Each provider the cart's region offers maps to a method kind with its own
 * component (app/components/payment-method.tsx). Stripe.js is only ever loaded when STRIPE_PUBLISHABLE_KEY
 * is configured (see `clientConfig`).
 */
export type PaymentKind = "manual" | "stripe" | "promptpay"

/**
 * One choice on the payment step. `value` is what the radio posts: the provider id, or for Medusa's manual provider
 * the provider id and the buyer's choice — bank transfer ("pp_system_default") or cash on delivery
 * ("pp_system_default:cod"), two choices the buyer and the group tell apart (cart/order metadata.payment_choice).
 */
export type PaymentChoice = "bank_transfer" | "cod" | "promptpay" | "card"
export type PaymentMethod = { providerId: string; value: string; choice: PaymentChoice; kind: PaymentKind; label: MessageKey; help: MessageKey | null }

const NATIVE_PROMPTPAY = "pp_promptpay_promptpay"

type Choices = Record<string, Omit<PaymentMethod, "providerId">[]>
const METHODS: Choices = {
  pp_system_default: [
    { value: "pp_system_default", choice: "bank_transfer", kind: "manual", label: "payment.transfer", help: "payment.transferHelp" },
    { value: "pp_system_default:cod", choice: "cod", kind: "manual", label: "payment.cod", help: "payment.codHelp" },
  ],
  [NATIVE_PROMPTPAY]: [{ value: NATIVE_PROMPTPAY, choice: "promptpay", kind: "promptpay", label: "payment.promptpay", help: "payment.promptpayHelp" }],
}
// Stripe's methods need the Payment Element, so they are offered only with a publishable key.
const STRIPE_METHODS: Choices = {
  pp_stripe_stripe: [{ value: "pp_stripe_stripe", choice: "card", kind: "stripe", label: "payment.card", help: null }],
  "pp_stripe-promptpay_stripe": [{ value: "pp_stripe-promptpay_stripe", choice: "promptpay", kind: "stripe", label: "payment.stripePromptpay", help: null }],
}

// The region's providers, under the content stamp (payment_provider and region_payment_provider are in it).
const providers = createSwrCache({ freshMs: config.catalogueFreshMs, maxAgeMs: config.catalogueMaxAgeMs, maxEntries: 20, ...contentStamp })

export async function paymentMethods(cart: HttpTypes.StoreCart): Promise<PaymentMethod[]> {
  const regionId = cart.region_id!
  const payment_providers = await providers.get(regionId, async () => (await sdk.store.payment.listPaymentProviders({ region_id: regionId })).payment_providers)
  const known = config.stripePublishableKey ? { ...METHODS, ...STRIPE_METHODS } : METHODS
  return payment_providers.flatMap((p) => (known[p.id] ?? []).map((m) => ({ providerId: p.id, ...m })))
}

/** The radio value of the cart's chosen method: its payment session's provider, and the manual provider's choice. */
export function chosenValue(cart: HttpTypes.StoreCart): string | null {
  const provider = cart.payment_collection?.payment_sessions?.[0]?.provider_id ?? null
  if (provider === "pp_system_default" && cart.metadata?.payment_choice === "cod") return "pp_system_default:cod"
  return provider
}

/** The label of a chosen method (chosenValue), for the checkout's closed payment section: no call to Medusa. */
export function methodLabel(value: string | null): MessageKey | null {
  const all = [...Object.values(METHODS), ...Object.values(STRIPE_METHODS)].flat()
  return all.find((m) => m.value === value)?.label ?? null
}

/** What the browser may know about payments (never secrets). */
export function clientConfig() {
  return { stripePublishableKey: config.stripePublishableKey || null }
}


type PaymentRow = { provider_id: string; captured_at?: string | null; canceled_at?: string | null; data?: Record<string, unknown> | null }

// Same variables and defaults as the backend's scheduled release of unpaid orders (decisions 0009, 0023).
const ttlHours = Math.round(Number(process.env.PROMPTPAY_UNPAID_TTL_MINUTES || 24 * 60) / 60)
const manualTtlHours = Math.round(Number(process.env.MANUAL_PAYMENT_UNPAID_TTL_MINUTES || 3 * 24 * 60) / 60)

/** The payment state of an order the confirmation page may show (it decided so; read with the storefront's secret). */
export async function orderPayment(orderId: string): Promise<OrderPaymentView> {
  const { order } = await sdk.store.order.retrieve(
    idSegment("order", orderId),
    { fields: "id,status,payment_status,payment_collections.payments.*" },
    forwardedClient()
  )
  const payments = (order.payment_collections ?? []).flatMap((c) => (c?.payments ?? []) as PaymentRow[])
  const live = payments.find((p) => !p.canceled_at) ?? null
  if (order.status === "canceled" || (payments.length > 0 && !live)) return { state: "cancelled", promptpay: null }
  if (live?.captured_at || order.payment_status === "captured") return { state: "paid", promptpay: null }
  if (live?.provider_id === NATIVE_PROMPTPAY && live.data?.status === "awaiting_payment") {
    const data = live.data as PromptPaySessionData
    return {
      state: "awaiting",
      promptpay: { qrDataUrl: data.qr_data_url, amount: data.promptpay_amount, maskedId: data.promptpay_id_masked, ttlHours },
    }
  }
  // Bank transfer / cash on delivery: the buyer is told how long an unpaid, unshipped order is kept.
  return { state: "pending", promptpay: null, ...(live?.provider_id === "pp_system_default" ? { manualTtlHours } : {}) }
}
