import type { HttpTypes } from "@medusajs/types"

// Checkout step order, shared by the route component (progress bar) and the server code.

export const STEPS = ["email", "address", "shipping", "payment", "review"] as const
export type Step = (typeof STEPS)[number]

export function parseStep(value: string | null): Step | null {
  return (STEPS as readonly string[]).includes(value ?? "") ? (value as Step) : null
}

/** The first step that still needs input; the review step once everything is set. */
export function firstOpenStep(cart: HttpTypes.StoreCart): Step {
  if (!cart.email) return "email"
  if (!cart.shipping_address?.address_1) return "address"
  if (!cart.shipping_methods?.length) return "shipping"
  const sessions = cart.payment_collection?.payment_sessions ?? []
  // requires_more: the payment form on the review step has a step left (3-D Secure, the QR), so stay there.
  if (!sessions.some((s) => s.status === "pending" || s.status === "authorized" || s.status === "requires_more")) return "payment"
  return "review"
}

export function stepReachable(cart: HttpTypes.StoreCart, step: Step): boolean {
  return STEPS.indexOf(step) <= STEPS.indexOf(firstOpenStep(cart))
}

