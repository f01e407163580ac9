import type { MessageKey } from "~/i18n"
import type { AddressValues } from "./address"
import type { Step } from "./checkout-steps"

/** Why the order was not placed (checkout.server.ts placeOrder); shortLines: cart lines another order left short. */
export type CheckoutProblem = { error: MessageKey; vars?: Record<string, number>; shortLines?: { id: string; available: number }[] }

/** How the customer sees an order's payment; for native PromptPay awaiting payment, the QR to scan. */
export type OrderPaymentView = {
  state: "awaiting" | "paid" | "cancelled" | "pending"
  promptpay: { qrDataUrl: string; amount: number; maskedId: string; ttlHours: number } | null
  /** Bank transfer / cash on delivery awaiting confirmation: hours before an unpaid, unshipped order is cancelled. */
  manualTtlHours?: number
}

/**
 * What a refused checkout post answers (checkout.server.ts): the section it belongs to, the messages for its
 * fields or the whole section, and what the shopper sent, so the form comes back as they filled it.
 */
export type CheckoutAnswer = {
  step: Step
  fieldErrors?: Partial<Record<string, MessageKey>>
  values?: Partial<AddressValues> & { email?: string }
  error?: MessageKey
  /** Why the order was not placed (review section). */
  problem?: CheckoutProblem
  /** With a throttle's refusal (429): how long to wait. */
  retryAfterSeconds?: number
}
