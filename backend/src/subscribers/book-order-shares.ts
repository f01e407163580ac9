import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { bookOrderSharesWorkflow } from "../workflows/money/book-order-shares"

/**
 * Books an order's sales shares for the grower households (issue 13) whenever something that changes them
 * happens: a payment captured or refunded, units allocated (a fulfilment created), the order cancelled. The
 * workflow plans from what is true now and books each ledger key once, so the events may come twice or in
 * any order. A failure is logged; the next event (or a retry) books what is missing.
 */
export default async function bookOrderShares({ event, container }: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    let orderId = event.data.order_id ?? null
    if (!orderId && event.name.startsWith("order.")) orderId = event.data.id ?? null
    if (!orderId && event.data.id) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: payments } = await query.graph({ entity: "payment", fields: ["id", "payment_collection.order.id"], filters: { id: event.data.id } })
      orderId = (payments[0] as { payment_collection?: { order?: { id: string } } } | undefined)?.payment_collection?.order?.id ?? null
    }
    if (!orderId) return
    const { result } = await bookOrderSharesWorkflow(container).run({ input: { order_id: orderId } })
    if (result.booked.booked.length > 0) logger.info(`household shares: ${result.booked.booked.length} ledger entries booked for order ${orderId} (${event.name})`)
  } catch (err) {
    logger.warn(`household shares not booked on ${event.name} ${JSON.stringify(event.data)}: ${(err as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: ["payment.captured", "payment.refunded", "order.fulfillment_created", "order.canceled", "order.fulfillment_canceled"],
}
