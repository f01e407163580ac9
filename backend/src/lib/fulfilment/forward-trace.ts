import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
export { decodeCursor, encodeCursor }
import type { AllocationRow } from "@mae-mok/traceability/module"
import { decodeCursor, encodeCursor } from "./trace-cursor"
import { traceability } from "../traceability/service"

type Container = Pick<MedusaContainer, "resolve">

/** One unit of the batch in a buyer's order (admin only: names and phone numbers of buyers). */
export type TraceRow = {
  order_id: string
  display_id: number | null
  ordered_at: string | null
  email: string | null
  customer_name: string | null
  phone: string | null
  province: string | null
  line_item_id: string
  product: string | null
  serial: string
  lot_number: string
  method: "scanned" | "fifo"
  fulfillment_id: string | null
}

/** The orders (buyer, address, lines) of these allocations, in one query. */
async function ordersOf(container: Container, allocations: AllocationRow[]) {
  const ids = [...new Set(allocations.map((a) => a.order_id))]
  const out = new Map<string, { display_id: number | null; created_at: string | null; email: string | null; name: string | null; phone: string | null; province: string | null; titles: Map<string, string> }>()
  if (ids.length === 0) return out
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id", "display_id", "created_at", "email",
      "shipping_address.first_name", "shipping_address.last_name", "shipping_address.phone", "shipping_address.province",
      "items.id", "items.product_title", "items.variant_title",
    ],
    filters: { id: ids },
  })
  for (const o of data) {
    const a = o.shipping_address
    out.set(o.id, {
      display_id: o.display_id == null ? null : Number(o.display_id),
      created_at: o.created_at ? new Date(o.created_at as unknown as string).toISOString() : null,
      email: o.email ?? null,
      name: a ? [a.first_name, a.last_name].filter(Boolean).join(" ") || null : null,
      phone: a?.phone ?? null,
      province: a?.province ?? null,
      titles: new Map((o.items ?? []).flatMap((i) => (i ? [[i.id, [i.product_title, i.variant_title].filter(Boolean).join(" ")] as [string, string]] : []))),
    })
  }
  return out
}

/**
 * One page of the forward trace: the batch's active allocations (one query on the partial index of active rows
 * by batch and order), then the buyers of that page's orders (one query). `next` continues after the last row.
 */
export async function forwardTracePage(container: Container, batchId: string, limit: number, after: { order_id: string; id: string } | null) {
  const allocations = await traceability(container).listActiveAllocationsForBatch(batchId, { limit, after })
  const orders = await ordersOf(container, allocations)
  const rows: TraceRow[] = allocations.map((a) => {
    const o = orders.get(a.order_id)
    return {
      order_id: a.order_id,
      display_id: o?.display_id ?? null,
      ordered_at: o?.created_at ?? null,
      email: o?.email ?? null,
      customer_name: o?.name ?? null,
      phone: o?.phone ?? null,
      province: o?.province ?? null,
      line_item_id: a.line_item_id,
      product: o?.titles.get(a.line_item_id) ?? null,
      serial: a.serial,
      lot_number: a.lot_number,
      method: a.method,
      fulfillment_id: a.fulfillment_id,
    }
  })
  const last = allocations[allocations.length - 1]
  return { rows, next: allocations.length === limit && last ? encodeCursor(last) : null }
}

/** The buyers of a batch, one per order with its units (the recall phone list), all pages. */
export async function batchBuyers(container: Container, batchId: string) {
  const byOrder = new Map<string, TraceRow & { serials: string[]; methods: Set<string> }>()
  let after: { order_id: string; id: string } | null = null
  for (;;) {
    const page = await forwardTracePage(container, batchId, 500, after)
    for (const r of page.rows) {
      const o = byOrder.get(r.order_id) ?? { ...r, serials: [], methods: new Set<string>() }
      o.serials.push(r.serial)
      o.methods.add(r.method)
      byOrder.set(r.order_id, o)
    }
    if (!page.next) break
    after = decodeCursor(page.next)
  }
  return [...byOrder.values()]
    .sort((a, b) => (a.display_id ?? 0) - (b.display_id ?? 0))
    .map((o) => ({
      order_id: o.order_id,
      display_id: o.display_id,
      ordered_at: o.ordered_at,
      customer_name: o.customer_name,
      phone: o.phone,
      email: o.email,
      province: o.province,
      product: o.product,
      units: o.serials.length,
      serials: o.serials.sort(),
      scanned: o.methods.has("scanned"),
      allocated_fifo: o.methods.has("fifo"),
    }))
}
