import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { packingSummary, thailandPostTrackingUrl } from "@mae-mok/traceability"
import { traceability } from "../traceability/service"
import { loadPackingOrder } from "./packing-order"

type Container = Pick<MedusaContainer, "resolve">

export type PackingFulfilment = {
  id: string
  created_at: string
  shipped_at: string | null
  canceled_at: string | null
  tracking_number: string | null
  tracking_url: string | null
}

/** The order's fulfilments with their Thailand Post number (the first label's), newest first. */
export async function orderFulfilments(container: Container, orderId: string): Promise<PackingFulfilment[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "fulfillments.id", "fulfillments.created_at", "fulfillments.shipped_at", "fulfillments.canceled_at", "fulfillments.labels.tracking_number"],
    filters: { id: orderId },
  })
  const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null)
  return (data[0]?.fulfillments ?? [])
    .flatMap((f) => (f ? [f] : []))
    .map((f) => {
      const number = f.labels?.find((l) => l?.tracking_number)?.tracking_number ?? null
      return {
        id: f.id,
        created_at: iso(f.created_at) as string,
        shipped_at: iso(f.shipped_at),
        canceled_at: iso(f.canceled_at),
        tracking_number: number,
        tracking_url: number ? thailandPostTrackingUrl(number) : null,
      }
    })
    .sort((a, b) => (a.created_at < b.created_at ? 1 : -1))
}

/** What the packing view shows: the order's lines and how far each is packed, the units, the fulfilments. */
export async function packingState(container: Container, orderId: string) {
  const order = await loadPackingOrder(container, orderId, { allowCanceled: true })
  const allocations = await traceability(container).listActiveAllocationsForOrder(order.id)
  const summary = packingSummary(
    order.lines.map((l) => ({ lineItemId: l.line_item_id, variantId: l.variant_id, quantity: l.quantity, title: l.title })),
    allocations.map((a) => ({ lineItemId: a.line_item_id, how: a.method }))
  )
  const titles = new Map(order.lines.map((l) => [l.line_item_id, l.title ?? null]))
  return {
    order: { id: order.id, display_id: order.display_id, email: order.email },
    lines: summary.lines.map((l) => ({
      line_item_id: l.lineItemId,
      variant_id: l.variantId,
      title: titles.get(l.lineItemId) ?? null,
      quantity: l.quantity,
      packed: l.packed,
      scanned: l.scanned,
      allocated_fifo: l.allocatedFifo,
      remaining: l.remaining,
      complete: l.complete,
    })),
    units_ordered: summary.unitsOrdered,
    units_packed: summary.unitsPacked,
    complete: summary.complete,
    units: allocations.map((a) => ({
      serial: a.serial,
      lot_number: a.lot_number,
      line_item_id: a.line_item_id,
      method: a.method,
      fulfillment_id: a.fulfillment_id,
    })),
    fulfillments: await orderFulfilments(container, order.id),
  }
}

/** GET /admin/orders/:id/packing and the packing writes answer with this. */
export type PackingState = Awaited<ReturnType<typeof packingState>>
