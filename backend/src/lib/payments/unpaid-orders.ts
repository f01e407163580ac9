import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import type { BackendEnv } from "../env"

/**
 * Payment methods whose orders are placed before the money arrives, so they hold stock until a group
 * member confirms them: native PromptPay (decision 0009) and bank transfer / cash on delivery, Medusa's
 * manual provider (decision 0023). Each has its own time limit.
 */
export const UNPAID_METHODS = {
  promptpay: { providerId: "pp_promptpay_promptpay", ttlMinutes: (env: BackendEnv) => env.promptpayUnpaidTtlMinutes },
  manual: { providerId: "pp_system_default", ttlMinutes: (env: BackendEnv) => env.manualPaymentUnpaidTtlMinutes },
} as const

export type UnpaidMethod = keyof typeof UNPAID_METHODS

/**
 * Cancels the orders of one payment method that nobody confirmed within the time limit, through Medusa's
 * cancelOrderWorkflow, which releases their stock reservations and cancels the payment.
 * Confirmed means: the payment was captured (the money arrived), or the order has a fulfillment (a
 * cash-on-delivery parcel was sent); a cancelled payment or order is left alone too.
 * Returns the ids of the orders it cancelled.
 */
export async function releaseUnpaidOrders(
  container: MedusaContainer,
  method: UnpaidMethod,
  olderThanMinutes: number,
  now: Date = new Date()
): Promise<string[]> {
  const cutoff = new Date(now.getTime() - olderThanMinutes * 60_000)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: payments } = await query.graph({
    entity: "payment",
    fields: ["id", "payment_collection_id"],
    filters: { provider_id: UNPAID_METHODS[method].providerId, captured_at: null, canceled_at: null, created_at: { $lt: cutoff } },
  })
  if (payments.length === 0) return []
  const { data: collections } = await query.graph({
    entity: "payment_collection",
    fields: ["id", "order.id", "order.status", "order.fulfillments.id", "order.fulfillments.canceled_at"],
    filters: { id: [...new Set(payments.map((p) => p.payment_collection_id))] },
  })
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const cancelled: string[] = []
  for (const collection of collections) {
    const order = collection.order
    if (!order || order.status !== "pending") continue
    if ((order.fulfillments ?? []).some((f) => f && !f.canceled_at)) continue
    // One order's failure (e.g. it was fulfilled meanwhile) must not stop the others.
    try {
      await cancelOrderWorkflow(container).run({ input: { order_id: order.id } })
      cancelled.push(order.id)
    } catch (err) {
      logger.warn(`Unpaid ${method} order ${order.id} was not cancelled: ${(err as Error).message}`)
    }
  }
  if (cancelled.length > 0) logger.info(`Cancelled unpaid ${method} orders and released their stock: ${cancelled.join(", ")}`)
  return cancelled
}
