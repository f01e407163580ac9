import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendOrderEventMail, trackingOf } from "../lib/mail/order-events"

/**
 * Medusa created a shipment (a fulfilment marked shipped, from the admin or issue 12's packing): mail the buyer the
 * tracking number and Thailand Post's tracking page, read from the fulfilment however it was recorded. Once per
 * fulfilment; nothing when the shipment was made with "no notification".
 */
export default async function orderShippedMail({ event, container }: SubscriberArgs<{ id: string; no_notification?: boolean }>) {
  if (event.data.no_notification) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [fulfillment],
  } = await query.graph({
    entity: "fulfillment",
    fields: ["id", "data", "metadata", "labels.tracking_number", "labels.tracking_url", "order.id"],
    filters: { id: event.data.id },
  })
  const f = fulfillment as
    | (Parameters<typeof trackingOf>[0] & { id: string; order?: { id?: string } | null })
    | undefined
  if (!f?.order?.id) return
  await sendOrderEventMail(container, f.order.id, "order-shipped", f.id, trackingOf(f))
}

export const config: SubscriberConfig = { event: "shipment.created" }
