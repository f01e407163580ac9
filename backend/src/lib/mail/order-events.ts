import { parseTrackingNumber, thailandPostTrackingUrl } from "@mae-mok/traceability"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { readEnv } from "../env"
import { orderLang } from "./order-data"
import { signedOrderUrl } from "./order-link"
import type { OrderEventData } from "./templates/messages"

type EventTemplate = "payment-confirmed" | "order-shipped" | "order-canceled"

/**
 * Mails the buyer one of the short order messages, once per `key` (the event's own id: the order for payment and
 * cancellation, the fulfilment for a shipment). A failed send is left to the retry job; it never fails the
 * workflow that emitted the event.
 */
export async function sendOrderEventMail(
  container: MedusaContainer,
  orderId: string,
  template: EventTemplate,
  key: string,
  extra: Partial<OrderEventData> = {}
): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "display_id", "email", "metadata", "total", "payment_status"], filters: { id: orderId } })
  if (!order?.email) return
  const lang = orderLang(order.metadata as Record<string, unknown> | null)
  const data: OrderEventData = {
    lang,
    display_id: Number(order.display_id),
    order_url: signedOrderUrl(readEnv().storefrontUrl, order.id, lang),
    total: Number(order.total ?? 0),
    ...extra,
  }
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: order.email,
      channel: "email",
      template,
      idempotency_key: `${template}-${key}`,
      resource_id: order.id,
      resource_type: "order",
      data,
    })
  } catch (err) {
    logger.warn(`${template}: mail for order #${data.display_id} failed, the retry job sends it later: ${String((err as Error).message).split("\n").pop()}`)
  }
}

/**
 * The tracking number of a shipped fulfilment, wherever it was recorded: Medusa's own fulfilment labels (the admin's
 * "mark as shipped" form), else the fulfilment's data or metadata (`tracking_number`). Thailand Post numbers get
 * their tracking page; another carrier's number is mailed as it is, without a link.
 */
export function trackingOf(fulfillment: {
  labels?: ({ tracking_number?: string | null; tracking_url?: string | null } | null)[] | null
  data?: Record<string, unknown> | null
  metadata?: Record<string, unknown> | null
}): { tracking_number: string | null; tracking_url: string | null } {
  const label = (fulfillment.labels ?? []).find((l) => l?.tracking_number)
  const raw = label?.tracking_number ?? fulfillment.data?.tracking_number ?? fulfillment.metadata?.tracking_number
  if (typeof raw !== "string" || raw.trim() === "") return { tracking_number: null, tracking_url: null }
  const parsed = parseTrackingNumber(raw)
  if (parsed.ok) return { tracking_number: parsed.number, tracking_url: thailandPostTrackingUrl(parsed.number) }
  const url = label?.tracking_url && /^https:\/\//.test(label.tracking_url) ? label.tracking_url : null
  return { tracking_number: raw.trim(), tracking_url: url }
}
