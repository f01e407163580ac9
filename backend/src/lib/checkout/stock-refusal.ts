import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, getVariantAvailability, MedusaError } from "@medusajs/framework/utils"

/** One cart line that can no longer be had in its quantity. */
export type ShortLine = { id: string; variant_id: string; title: string; quantity: number; available: number }

export type StockRefusal = {
  type: string
  code: "out_of_stock"
  message: string
  message_th: string
  lines: ShortLine[]
}

/**
 * Medusa refuses a completion for stock in two places, with two texts: the inventory check
 * ("Some variant does not have the required inventory", code insufficient_inventory) and the
 * reservation ("Not enough stock available for item …"), the latter when another order took the
 * units after the cart was filled.
 */
export function isStockRefusal(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  if (!e || typeof e !== "object") return false
  return e.code === MedusaError.Codes.INSUFFICIENT_INVENTORY || /Not enough stock available|does not have the required inventory/.test(String(e.message))
}

/** The 400 answer for a stock refusal: which lines are short and how many are left, in English and Thai. */
export async function stockRefusal(container: MedusaContainer, cartId: string): Promise<StockRefusal> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["sales_channel_id", "items.id", "items.variant_id", "items.quantity", "items.product_title", "items.variant_title"],
    filters: { id: cartId },
  })
  const cart = data[0] as
    | { sales_channel_id: string | null; items?: { id: string; variant_id: string | null; quantity: unknown; product_title?: string | null; variant_title?: string | null }[] }
    | undefined
  const items = (cart?.items ?? []).filter((i): i is typeof i & { variant_id: string } => !!i.variant_id)
  const availability =
    cart?.sales_channel_id && items.length
      ? await getVariantAvailability(query, { variant_ids: [...new Set(items.map((i) => i.variant_id))], sales_channel_id: cart.sales_channel_id })
      : {}
  // Lines of one variant share its stock.
  const wanted = new Map<string, number>()
  for (const item of items) wanted.set(item.variant_id, (wanted.get(item.variant_id) ?? 0) + Number(item.quantity))
  const lines: ShortLine[] = items
    .filter((i) => {
      const available = availability[i.variant_id]?.availability
      return available !== null && available !== undefined && wanted.get(i.variant_id)! > available
    })
    .map((i) => ({
      id: i.id,
      variant_id: i.variant_id,
      title: [i.product_title, i.variant_title].filter(Boolean).join(" · "),
      quantity: Number(i.quantity),
      available: Math.max(0, availability[i.variant_id]!.availability ?? 0),
    }))
  const list = (left: (n: number) => string) => lines.map((l) => `${l.title} (${left(l.available)})`).join(", ")
  return {
    type: MedusaError.Types.NOT_ALLOWED,
    code: "out_of_stock",
    message:
      `Not enough stock left for this order${lines.length ? `: ${list((n) => `${n} left`)}` : ""}. ` +
      "Another order took the units after they went into this cart. The order was not placed and the cart is unchanged: change the quantities and place the order again.",
    message_th:
      `สินค้ามีไม่พอสำหรับคำสั่งซื้อนี้แล้ว${lines.length ? `: ${list((n) => `เหลือ ${n} ชิ้น`)}` : ""} ` +
      "เพราะมีคำสั่งซื้ออื่นซื้อไปก่อน คำสั่งซื้อนี้ยังไม่ถูกสร้าง และตะกร้ายังอยู่เหมือนเดิม กรุณาปรับจำนวนแล้วสั่งซื้ออีกครั้ง",
    lines,
  }
}

/** The same refusal from any other write (adding a line, raising a quantity, a new cart with items): code out_of_stock, in English and Thai. */
export function cartWriteStockRefusal(err: unknown): Omit<StockRefusal, "lines"> | null {
  if (!isStockRefusal(err)) return null
  return {
    type: MedusaError.Types.NOT_ALLOWED,
    code: "out_of_stock",
    message: `Not enough stock for this quantity (${String((err as Error).message)}).`,
    message_th: "สินค้ามีไม่พอตามจำนวนที่ต้องการ",
  }
}
