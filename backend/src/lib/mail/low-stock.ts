import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { bangkokToday } from "@mae-mok/traceability"
import { readEnv } from "../env"
import { readMailSettings } from "./settings"

/** LOW_STOCK_THRESHOLD: units available (stocked − reserved, all locations) at or below which the group is told. */
export function lowStockThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LOW_STOCK_THRESHOLD
  if (raw === undefined || raw === "") return 5
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`LOW_STOCK_THRESHOLD must be a whole number of units (0 or more), got "${raw}"`)
  return n
}

type VariantRow = {
  id: string
  sku?: string | null
  title?: string | null
  product?: { title?: string | null } | null
  inventory_items?: ({ inventory?: { location_levels?: ({ stocked_quantity?: number; reserved_quantity?: number } | null)[] | null } | null } | null)[] | null
}

/**
 * After an order: the ordered variants whose available stock is at or below the threshold go to the group in one
 * mail, each variant at most once a day (Bangkok) — the idempotency key names the variants and the day.
 */
export async function mailLowStock(container: MedusaContainer, variantIds: string[]): Promise<void> {
  if (variantIds.length === 0) return
  const threshold = lowStockThreshold()
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "variant",
    fields: ["id", "sku", "title", "product.title", "inventory_items.inventory.location_levels.stocked_quantity", "inventory_items.inventory.location_levels.reserved_quantity"],
    filters: { id: variantIds },
  })
  const low = (data as VariantRow[])
    .map((v) => {
      const levels = (v.inventory_items ?? []).flatMap((i) => i?.inventory?.location_levels ?? [])
      if (levels.length === 0) return null
      const available = levels.reduce((sum, l) => sum + Number(l?.stocked_quantity ?? 0) - Number(l?.reserved_quantity ?? 0), 0)
      return available <= threshold ? { id: v.id, title: [v.product?.title, v.title].filter(Boolean).join(" · "), sku: v.sku ?? null, available } : null
    })
    .filter((v): v is NonNullable<typeof v> => v !== null)
  if (low.length === 0) return
  const day = bangkokToday()
  const notifications = container.resolve(Modules.NOTIFICATION)
  // One mail per variant and day, so a variant already reported today is not repeated with the next order.
  for (const v of low) {
    try {
      await notifications.createNotifications({
        to: readMailSettings().shopEmail,
        channel: "email",
        template: "shop-low-stock",
        idempotency_key: `low-stock-${v.id}-${day}`,
        resource_id: v.id,
        resource_type: "variant",
        data: { threshold, variants: [{ title: v.title, sku: v.sku, available: v.available }], admin_url: `${readEnv().backendUrl}/app/inventory` },
      })
    } catch (err) {
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`low-stock: mail failed, the retry job sends it later: ${String((err as Error).message).split("\n").pop()}`)
    }
  }
}
