import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendOrderEventMail } from "../lib/mail/order-events"

/**
 * A payment was captured (a group member confirmed a transfer or PromptPay, or Stripe captured a card): tell the
 * buyer, once per order.
 */
export default async function paymentConfirmedMail({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({ entity: "payment", fields: ["id", "payment_collection.order.id"], filters: { id: event.data.id } })
  const orderId = (payment as { payment_collection?: { order?: { id?: string } | null } | null } | undefined)?.payment_collection?.order?.id
  if (!orderId) return
  await sendOrderEventMail(container, orderId, "payment-confirmed", orderId)
}

export const config: SubscriberConfig = { event: "payment.captured" }
