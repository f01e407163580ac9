import { MedusaError } from "@medusajs/framework/utils"

/**
 * How many units one store cart may hold (decision 0023): so that one anonymous cart cannot take a
 * whole batch. Staff orders (draft orders in the admin) are not store carts and are not limited.
 */
export type QuantityLimits = { perLine: number; perOrder: number }

/** A cart line as Medusa gives it (quantities may come as BigNumber-like values). */
export type CartQuantityLine = { id?: string; variant_id?: string | null; quantity: unknown }

export type QuantityRefusal = {
  code: "line_quantity_limit" | "order_quantity_limit"
  limit: number
  /** The variant over its limit (line_quantity_limit only). */
  variant_id?: string
  message: string
  message_th: string
}

export const QUANTITY_LIMIT_CODES: readonly string[] = ["line_quantity_limit", "order_quantity_limit"]

/**
 * The first limit a cart with these lines breaks, or null. "Per line" counts all lines of one variant
 * together, since Medusa keeps separate lines of one variant when their metadata differ.
 */
export function quantityRefusal(lines: CartQuantityLine[], limits: QuantityLimits): QuantityRefusal | null {
  const perVariant = new Map<string, number>()
  let total = 0
  for (const [i, line] of lines.entries()) {
    const quantity = Number(line.quantity)
    if (!Number.isFinite(quantity) || quantity <= 0) continue
    total += quantity
    const key = line.variant_id ?? `line:${line.id ?? i}`
    perVariant.set(key, (perVariant.get(key) ?? 0) + quantity)
  }
  for (const [key, quantity] of perVariant) {
    if (quantity > limits.perLine) {
      return {
        code: "line_quantity_limit",
        limit: limits.perLine,
        ...(key.startsWith("line:") ? {} : { variant_id: key }),
        message: `At most ${limits.perLine} units of one product per order (this cart would hold ${quantity}). For more, please contact the group.`,
        message_th: `สั่งสินค้าแต่ละรายการได้ไม่เกิน ${limits.perLine} ชิ้นต่อคำสั่งซื้อ (ตะกร้านี้จะมี ${quantity} ชิ้น) หากต้องการมากกว่านี้ กรุณาติดต่อกลุ่ม`,
      }
    }
  }
  if (total > limits.perOrder) {
    return {
      code: "order_quantity_limit",
      limit: limits.perOrder,
      message: `At most ${limits.perOrder} units per order (this cart would hold ${total}). For more, please contact the group.`,
      message_th: `สั่งได้รวมไม่เกิน ${limits.perOrder} ชิ้นต่อคำสั่งซื้อ (ตะกร้านี้จะมี ${total} ชิ้น) หากต้องการมากกว่านี้ กรุณาติดต่อกลุ่ม`,
    }
  }
  return null
}

/** Thrown by the cart workflows' validate hooks; the API error handler answers it as a 400 with both messages. */
export class QuantityLimitError extends MedusaError {
  readonly message_th: string
  readonly limit: number
  readonly variant_id?: string

  constructor(refusal: QuantityRefusal) {
    super(MedusaError.Types.NOT_ALLOWED, refusal.message, refusal.code)
    this.message_th = refusal.message_th
    this.limit = refusal.limit
    if (refusal.variant_id) this.variant_id = refusal.variant_id
  }
}

/** The 400 body for a quantity refusal, from the error as it comes out of a workflow (possibly serialized). */
export function quantityLimitBody(err: unknown): (QuantityRefusal & { type: string }) | null {
  const e = err as Partial<QuantityRefusal> | null
  if (!e || typeof e !== "object" || !QUANTITY_LIMIT_CODES.includes(String(e.code)) || typeof e.message_th !== "string") return null
  return {
    type: MedusaError.Types.NOT_ALLOWED,
    code: e.code as QuantityRefusal["code"],
    limit: Number(e.limit),
    ...(e.variant_id ? { variant_id: e.variant_id } : {}),
    message: String(e.message),
    message_th: e.message_th,
  }
}
