import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/**
 * Queues the customer's order confirmation through the Notification Module (channel "email": the
 * local provider logs it; a real e-mail provider replaces it in production). Runs wherever events
 * are processed: the worker when the app is split into server and worker.
 */
export default async function orderPlacedNotification({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "email", "total", "currency_code"],
    filters: { id: event.data.id },
  })
  if (!order?.email) return
  await container.resolve(Modules.NOTIFICATION).createNotifications({
    to: order.email,
    channel: "email",
    template: "order-placed",
    // The same event delivered twice must not send two e-mails.
    idempotency_key: `order-placed-${order.id}`,
    resource_id: order.id,
    resource_type: "order",
    data: { display_id: order.display_id, total: order.total, currency_code: order.currency_code },
  })
  // No e-mail address in the log: logs travel further than the database.
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(`order-placed: confirmation for order #${order.display_id} queued by process ${process.pid}`)
}

export const config: SubscriberConfig = { event: "order.placed" }
