import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"

export const PROMPTPAY_PROVIDER_ID = "pp_promptpay_promptpay"

/**
 * Cancels native-PromptPay orders nobody confirmed within the time limit, which releases their stock
 * reservations and cancels the payment (Medusa's cancelOrderWorkflow). Only payments still awaiting
 * confirmation count: a captured (confirmed) or already cancelled one is left alone.
 * Returns the ids of the orders it cancelled.
 */
export async function releaseUnpaidPromptPayOrders(
  container: MedusaContainer,
  olderThanMinutes: number,
  now: Date = new Date()
): Promise<string[]> {
  const cutoff = new Date(now.getTime() - olderThanMinutes * 60_000)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: payments } = await query.graph({
    entity: "payment",
    fields: ["id", "payment_collection_id"],
    filters: { provider_id: PROMPTPAY_PROVIDER_ID, captured_at: null, canceled_at: null, created_at: { $lt: cutoff } },
  })
  if (payments.length === 0) return []
  const { data: collections } = await query.graph({
    entity: "payment_collection",
    fields: ["id", "order.id", "order.status"],
    filters: { id: [...new Set(payments.map((p) => p.payment_collection_id))] },
  })
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const cancelled: string[] = []
  for (const collection of collections) {
    const order = collection.order
    if (!order || order.status !== "pending") continue
    // One order's failure (e.g. it was fulfilled meanwhile) must not stop the others.
    try {
      await cancelOrderWorkflow(container).run({ input: { order_id: order.id } })
      cancelled.push(order.id)
    } catch (err) {
      logger.warn(`Unpaid PromptPay order ${order.id} was not cancelled: ${(err as Error).message}`)
    }
  }
  if (cancelled.length > 0) logger.info(`Cancelled unpaid PromptPay orders and released their stock: ${cancelled.join(", ")}`)
  return cancelled
}
