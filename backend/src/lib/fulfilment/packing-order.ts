import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { bangkokToday, type CalendarDate } from "@mae-mok/traceability"
import type { PackLine } from "@mae-mok/traceability/module"
import { notAllowed, notFound } from "../errors"
import { lineQuantity, ORDER_LINE_FIELDS, type OrderLineNumbers } from "../orders/order-lines"

type Container = Pick<MedusaContainer, "resolve">

export type PackingOrder = {
  id: string
  display_id: number | null
  status: string
  email: string | null
  lines: PackLine[]
}

/** A whole number of units of a line (read as decision 0051 says, lib/orders/order-lines.ts); throws when unreadable. */
export function unitCount(item: OrderLineNumbers & { id: string }): number {
  const n = lineQuantity(item)
  if (Number.isSafeInteger(n) && n >= 0) return n
  throw new Error(`line ${item.id} has no readable quantity`)
}

/** The order as packing sees it: its lines (variant, units ordered, title). Refuses a cancelled order unless allowed. */
export async function loadPackingOrder(container: Container, orderId: string, options: { allowCanceled?: boolean } = {}): Promise<PackingOrder> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id", "display_id", "status", "email", "items.id", "items.variant_id", ...ORDER_LINE_FIELDS, "items.product_title", "items.variant_title",
    ],
    filters: { id: orderId },
  })
  const order = data[0]
  if (!order) throw notFound({ en: "Order", th: "คำสั่งซื้อ" }, orderId)
  if (order.status === "canceled" && !options.allowCanceled) {
    throw notAllowed({ code: "ORDER_CANCELED", message: "This order was cancelled; it cannot be packed.", message_th: "คำสั่งซื้อนี้ถูกยกเลิกแล้ว แพ็กไม่ได้" })
  }
  const lines: PackLine[] = []
  for (const item of order.items ?? []) {
    if (!item?.variant_id) continue
    lines.push({
      line_item_id: item.id,
      variant_id: item.variant_id,
      quantity: unitCount(item),
      title: [item.product_title, item.variant_title].filter(Boolean).join(" "),
    })
  }
  return { id: order.id, display_id: order.display_id == null ? null : Number(order.display_id), status: String(order.status), email: order.email ?? null, lines }
}

/** The variant of one batch (module link), or null. */
export async function variantOfBatch(container: Container, batchId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "batch", fields: ["id", "product_variant.id"], filters: { id: batchId } })
  return data[0]?.product_variant?.id ?? null
}

/** Every batch of each variant (module link), by variant id. */
export async function batchesOfVariants(container: Container, variantIds: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  if (variantIds.length === 0) return out
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "product_variant", fields: ["id", "batches.id"], filters: { id: variantIds } })
  for (const v of data) out[v.id] = (v.batches ?? []).flatMap((b) => (b?.id ? [b.id] : []))
  return out
}

/** Today in Bangkok (FIFO and best-before use the calendar day there). */
export function packingToday(): CalendarDate {
  return bangkokToday()
}
