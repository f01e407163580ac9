import type { FilterablePaymentProps, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
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
  // The filter type lacks null and Date comparisons that the module's repository supports.
  const awaiting = { provider_id: PROMPTPAY_PROVIDER_ID, captured_at: null, canceled_at: null, created_at: { $lt: cutoff } }
  const payments = await container
    .resolve(Modules.PAYMENT)
    .listPayments(awaiting as unknown as FilterablePaymentProps, { select: ["id", "payment_collection_id"] })
  if (payments.length === 0) return []
  const { data: collections } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment_collection",
    fields: ["id", "order.id", "order.status"],
    filters: { id: [...new Set(payments.map((p) => p.payment_collection_id))] },
  })
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const cancelled: string[] = []
  for (const collection of collections) {
    const order = collection.order as { id: string; status: string } | undefined
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
