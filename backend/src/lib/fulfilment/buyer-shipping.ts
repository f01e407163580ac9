import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { postService } from "@mae-mok/traceability"
import { traceability } from "../traceability/service"
import { orderFulfilments } from "./packing-state"

type Container = Pick<MedusaContainer, "resolve">

/**
 * What the buyer's order page shows of its parcels and recalls (GET /store/orders/:id/shipping, behind the order
 * access check): Thailand Post numbers with their tracking link, and a notice per line whose units come from a
 * recalled batch. Nothing about other buyers, households or the group's records beyond the lot number.
 */
export async function buyerShipping(container: Container, orderId: string) {
  const shipments = (await orderFulfilments(container, orderId))
    .filter((f) => !f.canceled_at && f.tracking_number)
    .map((f) => ({
      tracking_number: f.tracking_number as string,
      tracking_url: f.tracking_url as string,
      service_th: postService(f.tracking_number as string).th,
      service_en: postService(f.tracking_number as string).en,
      shipped_at: f.shipped_at,
    }))
  const allocations = await traceability(container).listActiveAllocationsForOrder(orderId)
  const batchIds = [...new Set(allocations.map((a) => a.batch_id))]
  const recalled = batchIds.length
    ? await traceability(container).listBatches({ id: batchIds, status: "recalled" }, { select: ["id", "lot_number", "status_reason", "recalled_at"] })
    : []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = recalled.length
    ? await query.graph({ entity: "order", fields: ["id", "items.id", "items.product_title", "items.variant_title"], filters: { id: orderId } })
    : { data: [] as { items?: { id: string; product_title?: string | null; variant_title?: string | null }[] }[] }
  const titles = new Map((data[0]?.items ?? []).flatMap((i) => (i ? [[i.id, [i.product_title, i.variant_title].filter(Boolean).join(" ")] as [string, string]] : [])))
  const recalls = recalled.map((b) => {
    const units = allocations.filter((a) => a.batch_id === b.id)
    return {
      lot_number: b.lot_number,
      reason: b.status_reason ?? null,
      recalled_at: b.recalled_at ? new Date(b.recalled_at).toISOString() : null,
      units: units.length,
      products: [...new Set(units.map((u) => titles.get(u.line_item_id) ?? ""))].filter(Boolean),
    }
  })
  return { shipments, recalls }
}
