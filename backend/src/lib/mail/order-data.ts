import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readEnv } from "../env"
import { lineQuantity, ORDER_LINE_FIELDS, type OrderLineNumbers } from "../orders/order-lines"
import { signedOrderUrl } from "./order-link"
import type { OrderMailData } from "./templates/messages"

/** The language of an order: what the storefront put on the cart (metadata.locale), Thai otherwise. */
export function orderLang(metadata: Record<string, unknown> | null | undefined): "th" | "en" {
  return metadata?.locale === "en" ? "en" : "th"
}

function paymentOf(providerIds: string[], metadata: Record<string, unknown> | null | undefined): OrderMailData["payment"] {
  if (providerIds.some((id) => id.includes("promptpay"))) return "promptpay"
  if (providerIds.some((id) => id.includes("stripe"))) return "card"
  return metadata?.payment_choice === "cod" ? "cod" : "bank_transfer"
}

type OrderRow = {
  id: string
  display_id: number | string
  email?: string | null
  metadata?: Record<string, unknown> | null
  total?: unknown
  shipping_total?: unknown
  items?: ((OrderLineNumbers & { title?: string | null; product_title?: string | null; variant_title?: string | null; total?: unknown; variant_id?: string | null }) | null)[] | null
  shipping_address?: {
    first_name?: string | null
    last_name?: string | null
    address_1?: string | null
    address_2?: string | null
    city?: string | null
    province?: string | null
    postal_code?: string | null
    phone?: string | null
  } | null
  payment_collections?: ({ payment_sessions?: ({ provider_id?: string | null; data?: Record<string, unknown> | null } | null)[] | null } | null)[] | null
}

/**
 * What the order messages need, read from Medusa's order. Only the buyer's own delivery details: nothing of the
 * households behind the products (the mail goes outside the shop).
 */
export async function orderMailData(container: MedusaContainer, orderId: string): Promise<(OrderMailData & { email: string | null; variant_ids: string[] }) | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "email",
      "metadata",
      "total",
      "shipping_total",
      "items.title",
      "items.product_title",
      "items.variant_title",
      ...ORDER_LINE_FIELDS,
      "items.total",
      "items.variant_id",
      "shipping_address.first_name",
      "shipping_address.last_name",
      "shipping_address.address_1",
      "shipping_address.address_2",
      "shipping_address.city",
      "shipping_address.province",
      "shipping_address.postal_code",
      "shipping_address.phone",
      "payment_collections.payment_sessions.provider_id",
      "payment_collections.payment_sessions.data",
    ],
    filters: { id: orderId },
  })
  // Typed here: the tests' project compiles this file without Medusa's generated query types.
  const order = data[0] as OrderRow | undefined
  if (!order) return null
  const metadata = order.metadata as Record<string, unknown> | null
  const lang = orderLang(metadata)
  const a = order.shipping_address
  const address = a
    ? [
        [a.first_name, a.last_name].filter(Boolean).join(" "),
        [a.address_1, a.address_2].filter(Boolean).join(" "),
        [a.city, a.province, a.postal_code].filter(Boolean).join(" "),
        a.phone ?? "",
      ].filter((line) => line.trim() !== "")
    : []
  const providerIds = (order.payment_collections ?? []).flatMap((pc) => (pc?.payment_sessions ?? []).map((s) => s?.provider_id ?? ""))
  const env = readEnv()
  const promptpaySession = (order.payment_collections ?? [])
    .flatMap((pc) => pc?.payment_sessions ?? [])
    .find((s) => s?.provider_id === "pp_promptpay_promptpay" && typeof (s.data as { payload?: unknown } | null)?.payload === "string")
  const promptpayData = promptpaySession?.data as { payload: string; promptpay_amount: number } | undefined
  return {
    email: order.email ?? null,
    variant_ids: [...new Set((order.items ?? []).flatMap((i) => (i?.variant_id ? [i.variant_id] : [])))],
    lang,
    order_id: order.id,
    display_id: Number(order.display_id),
    order_url: signedOrderUrl(env.storefrontUrl, order.id, lang),
    items: (order.items ?? []).flatMap((i) =>
      i ? [{ title: [i.product_title ?? i.title, i.variant_title].filter(Boolean).join(" · "), quantity: lineQuantity(i), total: Number(i.total) }] : []
    ),
    shipping_total: Number(order.shipping_total ?? 0),
    total: Number(order.total ?? 0),
    address,
    payment: paymentOf(providerIds, metadata),
    promptpay: promptpayData ? { payload: promptpayData.payload, amount: Number(promptpayData.promptpay_amount) } : null,
  }
}
