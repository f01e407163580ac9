import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendOrderEventMail } from "../lib/mail/order-events"

/**
 * An order was cancelled: by the group, or by the release of unpaid orders (no captured payment: the mail says the
 * payment did not arrive in time). Once per order.
 */
export default async function orderCanceledMail({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "payment_collections.payments.captured_at"], filters: { id: event.data.id } })
  if (!order) return
  const paid = (order.payment_collections ?? []).some((c) => (c?.payments ?? []).some((p) => p?.captured_at))
  await sendOrderEventMail(container, order.id, "order-canceled", order.id, { unpaid: !paid })
}

export const config: SubscriberConfig = { event: "order.canceled" }
