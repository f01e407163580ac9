import type { MessageKey } from "~/i18n"

/** Why the order was not placed (checkout.server.ts placeOrder); shortLines: cart lines another order left short. */
export type CheckoutProblem = { error: MessageKey; vars?: Record<string, number>; shortLines?: { id: string; available: number }[] }

/** How the customer sees an order's payment; for native PromptPay awaiting payment, the QR to scan. */
export type OrderPaymentView = {
  state: "awaiting" | "paid" | "cancelled" | "pending"
  promptpay: { qrDataUrl: string; amount: number; maskedId: string; ttlHours: number } | null
  /** Bank transfer / cash on delivery awaiting confirmation: hours before an unpaid, unshipped order is cancelled. */
  manualTtlHours?: number
}
