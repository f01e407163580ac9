import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { readEnv } from "../lib/env"
import { mailLowStock } from "../lib/mail/low-stock"
import { orderMailData } from "../lib/mail/order-data"
import { readMailSettings } from "../lib/mail/settings"

/**
 * On a placed order: the buyer's confirmation (in the order's language; bank details and the exact amount for a
 * transfer) and the group's "new order" mail. Each once per order (idempotency keys; a redelivered event sends
 * nothing), and never in the way of checkout: this runs after the order is committed, and a failed send is only
 * marked failed for the retry job (jobs/retry-failed-mail.ts). Runs wherever events are processed.
 */
export default async function orderPlacedNotification({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const data = await orderMailData(container, event.data.id)
  if (!data) return
  const { email, variant_ids, ...mail } = data
  const notifications = container.resolve(Modules.NOTIFICATION)
  const common = { channel: "email", resource_id: data.order_id, resource_type: "order" }
  const sends = [
    email
      ? notifications.createNotifications({ ...common, to: email, template: "order-placed", idempotency_key: `order-placed-${data.order_id}`, data: mail })
      : null,
    notifications.createNotifications({
      ...common,
      to: readMailSettings().shopEmail,
      template: "shop-new-order",
      idempotency_key: `shop-new-order-${data.order_id}`,
      data: { ...mail, admin_url: `${readEnv().backendUrl}/app/orders/${data.order_id}` },
    }),
  ]
  const results = await Promise.allSettled(sends)
  for (const r of results) {
    // No e-mail address in the log: logs travel further than the database.
    if (r.status === "rejected") logger.warn(`order-placed: mail for order #${data.display_id} failed, the retry job sends it later: ${String(r.reason?.message ?? r.reason).split("\n").pop()}`)
  }
  // The group hears of variants this order brought down to the low-stock threshold.
  await mailLowStock(container, variant_ids).catch((err) => logger.warn(`order-placed: low-stock check failed: ${String(err?.message ?? err)}`))
  logger.info(`order-placed: mail for order #${data.display_id} handled by process ${process.pid}`)
}

export const config: SubscriberConfig = { event: "order.placed" }
