/**
 * How this backend reads an order line's quantity and unit price through Query — one way, for the sales shares
 * (workflows/money) and the order mails (lib/mail/order-data.ts). The order module keeps them on the order item,
 * which Query returns as the line's `detail`: asking for `items.quantity` asks the line-item table, which has no
 * quantity, so it may come back empty. Ask for ORDER_LINE_FIELDS and read with lineQuantity / lineUnitPrice.
 */
export const ORDER_LINE_FIELDS = [
  "items.unit_price",
  "items.raw_unit_price",
  "items.detail.quantity",
  "items.detail.raw_quantity",
  "items.detail.unit_price",
  "items.detail.raw_unit_price",
] as const

export type OrderLineNumbers = {
  quantity?: unknown
  unit_price?: unknown
  raw_quantity?: unknown
  raw_unit_price?: unknown
  /** The order item: its quantity (and a price changed by an order edit). */
  detail?: { quantity?: unknown; raw_quantity?: unknown; unit_price?: unknown; raw_unit_price?: unknown } | null
}

/** A Medusa number: a plain number, a numeric string, or a BigNumber (its `numeric`, or raw `value`); NaN when missing. */
export function medusaNumber(x: unknown): number {
  if (x === null || x === undefined || x === "") return Number.NaN
  if (typeof x === "object") {
    const o = x as { numeric?: unknown; value?: unknown; toJSON?: () => unknown }
    return Number(o.numeric ?? o.value ?? (typeof o.toJSON === "function" ? o.toJSON() : Number.NaN))
  }
  return Number(x)
}

const firstFinite = (...xs: unknown[]) => xs.map(medusaNumber).find((n) => Number.isFinite(n)) ?? Number.NaN

/** The line's quantity (NaN when Query gave none: a caller must not read it as 0). */
export function lineQuantity(i: OrderLineNumbers): number {
  return firstFinite(i.detail?.quantity, i.detail?.raw_quantity, i.quantity, i.raw_quantity)
}

/** The line's unit price in baht, VAT included (an order edit's price first). */
export function lineUnitPrice(i: OrderLineNumbers): number {
  return firstFinite(i.detail?.unit_price, i.detail?.raw_unit_price, i.unit_price, i.raw_unit_price)
}
