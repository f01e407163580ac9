import crypto from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AllocationRow } from "@mae-mok/traceability/module"
import { readEnv } from "../env"
import { traceability } from "../traceability/service"
import { orderLang } from "./order-data"
import { signedOrderUrl } from "./order-link"
import { inMailQueue } from "./queue"
import type { RecallNoticeData } from "./templates/messages"

type Container = Pick<MedusaContainer, "resolve">

/** Every active allocation of the batch (the units packed or allocated to orders), all pages. */
async function allocationsOf(container: Container, batchId: string): Promise<AllocationRow[]> {
  const out: AllocationRow[] = []
  let after: { order_id: string; id: string } | null = null
  for (;;) {
    const page = await traceability(container).listActiveAllocationsForBatch(batchId, { limit: 500, after })
    out.push(...page)
    const last = page[page.length - 1]
    if (page.length < 500 || !last) return out
    after = { order_id: last.order_id, id: last.id }
  }
}

type OrderRow = {
  id: string
  display_id: number | string
  email?: string | null
  created_at?: string | Date | null
  metadata?: Record<string, unknown> | null
  items?: ({ id: string; product_title?: string | null; variant_title?: string | null } | null)[] | null
}

/**
 * One recall notice per buyer (e-mail address) and batch, from the units of the batch allocated to their orders
 * (unit_allocation: packed by scan or allocated FIFO; unpacked units no longer count). A buyer with several orders
 * gets one mail naming each order's items and unit count, in the language of their latest order. The idempotency key
 * is the batch and a hash of the address, so a redelivered event sends nothing again. Nothing about households:
 * the lot number, the group's reason (already shown on the buyer's order page), the buyer's own orders.
 * Returns how many buyers were mailed (or queued for the retry job).
 */
export async function mailRecallNotices(container: MedusaContainer, batchId: string): Promise<number> {
  return inMailQueue(async () => {
    const [batch] = await traceability(container).listBatches({ id: batchId }, { select: ["id", "lot_number", "status", "status_reason", "recalled_at"] })
    if (!batch || batch.status !== "recalled") return 0
    const allocations = await allocationsOf(container, batchId)
    if (allocations.length === 0) return 0
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "display_id", "email", "created_at", "metadata", "items.id", "items.product_title", "items.variant_title"],
      filters: { id: [...new Set(allocations.map((a) => a.order_id))] },
    })
    const env = readEnv()
    // Buyers by address (lower case): one notice each, whatever the number of their orders.
    const buyers = new Map<string, { to: string; orders: (OrderRow & { units: AllocationRow[] })[] }>()
    for (const order of data as OrderRow[]) {
      if (!order.email) continue
      const address = order.email.trim().toLowerCase()
      const buyer = buyers.get(address) ?? { to: order.email.trim(), orders: [] }
      buyer.orders.push({ ...order, units: allocations.filter((a) => a.order_id === order.id) })
      buyers.set(address, buyer)
    }
    const notifications = container.resolve(Modules.NOTIFICATION)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    for (const [address, buyer] of buyers) {
      const orders = buyer.orders.sort((a, b) => Number(a.display_id) - Number(b.display_id))
      const latest = [...orders].sort((a, b) => new Date(b.created_at ?? 0).getTime() - new Date(a.created_at ?? 0).getTime())[0]!
      const lang = orderLang(latest.metadata)
      const data: RecallNoticeData = {
        lang,
        lot_number: batch.lot_number,
        reason: batch.status_reason ?? null,
        orders: orders.map((o) => {
          const titles = new Map((o.items ?? []).flatMap((i) => (i ? [[i.id, [i.product_title, i.variant_title].filter(Boolean).join(" · ")] as [string, string]] : [])))
          const perTitle = new Map<string, number>()
          for (const u of o.units) {
            const title = titles.get(u.line_item_id) ?? ""
            perTitle.set(title, (perTitle.get(title) ?? 0) + 1)
          }
          return {
            display_id: Number(o.display_id),
            order_url: signedOrderUrl(env.storefrontUrl, o.id, lang),
            items: [...perTitle].map(([title, units]) => ({ title, units })),
          }
        }),
      }
      try {
        await notifications.createNotifications({
          to: buyer.to,
          channel: "email",
          template: "recall-notice",
          // The address is hashed: keys show up in logs and the admin; the address itself is in `to`.
          idempotency_key: `recall-notice-${batch.id}-${crypto.createHash("sha256").update(address).digest("hex").slice(0, 24)}`,
          resource_id: batch.id,
          resource_type: "batch",
          data,
        })
      } catch (err) {
        logger.warn(`recall-notice: mail for lot ${batch.lot_number} failed, the retry job sends it later: ${String((err as Error).message).split("\n").pop()}`)
      }
    }
    logger.info(`recall-notice: lot ${batch.lot_number}: ${buyers.size} buyer(s) told`)
    return buyers.size
  })
}
