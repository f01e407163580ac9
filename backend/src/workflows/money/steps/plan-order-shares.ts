import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  attributeRefunds,
  bangkokCalendarDate,
  type BatchHouseholdWeight,
  type LedgerEntry,
  lineShareTarget,
  MoneyError,
  type OrderRefund,
  planRefundReversal,
  type RefundableLine,
  reversalEntries,
  salesShareEntries,
  shareEntryStates,
  shareRuleOn,
} from "@mae-mok/traceability"
import { notAllowed } from "../../../lib/errors"
import { lineQuantity, lineUnitPrice, medusaNumber, ORDER_LINE_FIELDS, type OrderLineNumbers } from "../../../lib/orders/order-lines"
import { traceability } from "../../../lib/traceability/service"
import { refusing } from "../refusal"

export type OrderSharesInput = { order_id: string; refund_id?: string | null }

export type OrderSharesPlan = {
  order_id: string
  /** New sales-share and reversal entries (the ledger books each key once). */
  entries: LedgerEntry[]
  /** Lines not booked yet: not paid, not fully allocated, or no rule. */
  waiting: { line_item_id: string; reason: "not_captured" | "not_allocated" | "no_rule" }[]
}

type Item = OrderLineNumbers & {
  id: string
  product_id: string | null
  adjustments?: ({ amount: unknown } | null)[] | null
}
type Payment = { id: string; captured_at: string | null; captures?: { amount: unknown; created_at: string }[]; refunds?: { id: string; amount: unknown; created_at: string }[] }
type Order = { id: string; status: string; canceled_at: string | null; items: Item[]; payment_collections?: { payments?: Payment[] }[] }

/** Medusa amounts are baht; the ledger counts satang. */
function toSatang(amount: unknown): number {
  const n = medusaNumber(amount)
  if (!Number.isFinite(n)) throw new MoneyError("NOT_SATANG", "ยอดเงินของคำสั่งซื้อไม่ใช่ตัวเลข", `not an amount: ${String(amount)}`)
  return Math.round(n * 100)
}

/**
 * Plans an order's sales shares and reversals from what is true now (so any event — captured, allocated,
 * refunded, cancelled — and any redelivery or order of events gives the same entries):
 * - a line is booked once its payment is captured AND all its units are allocated: the share rule of its
 *   product on the capture day × net of what the customer paid for it (less refunds known now), split over
 *   its units, each unit's part over its batch's households by grams in the batch's mass balance;
 * - then every refund (a cancellation of a paid order counts as refunding what is left) is reversed in
 *   proportion (core `planRefundReversal`), so each line ends at rule × net of what was finally paid.
 */
export const planOrderSharesStep = createStep("plan-order-shares", (input: OrderSharesInput, { container }) =>
  // A share the core cannot compute (a batch with no households in its mass balance …) is a 400, not a 500.
  refusing(() => planOrderShares(input, container))
)

async function planOrderShares(input: OrderSharesInput, container: Parameters<typeof traceability>[0]) {  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id", "status", "canceled_at",
      "items.id", "items.product_id", "items.adjustments.amount", ...ORDER_LINE_FIELDS,
      "payment_collections.payments.id", "payment_collections.payments.captured_at",
      "payment_collections.payments.captures.amount", "payment_collections.payments.captures.created_at",
      "payment_collections.payments.refunds.id", "payment_collections.payments.refunds.amount", "payment_collections.payments.refunds.created_at",
    ],
    filters: { id: input.order_id },
  })
  const order = data[0] as unknown as Order | undefined
  if (!order) {
    throw notAllowed({ code: "ORDER_NOT_FOUND", message: `Order ${input.order_id} was not found`, message_th: `ไม่พบคำสั่งซื้อ ${input.order_id}` })
  }
  const payments = (order.payment_collections ?? []).flatMap((pc) => pc.payments ?? [])
  const captures = payments.flatMap((p) => p.captures ?? [])
  const capturedSatang = captures.reduce((s, c) => s + toSatang(c.amount), 0)
  const items = [...order.items].sort((a, b) => (a.id < b.id ? -1 : 1))
  const plan: OrderSharesPlan = { order_id: order.id, entries: [], waiting: [] }
  if (capturedSatang <= 0) {
    plan.waiting = items.map((i) => ({ line_item_id: i.id, reason: "not_captured" }))
    return new StepResponse(plan)
  }
  const capturedAt = captures.map((c) => c.created_at).sort()[0] ?? payments.map((p) => p.captured_at).filter(Boolean).sort()[0]!
  const captureDay = bangkokCalendarDate(new Date(capturedAt).toISOString())

  const service = traceability(container)
  const [rules, existing, allocations] = await Promise.all([
    service.listShareRules({}),
    service.listLedger({ order_id: order.id }),
    service.listActiveAllocationsForOrder(order.id),
  ])
  const ruleList = rules.map((r) => ({ id: r.id, productId: r.product_id, basisPoints: r.basis_points, validFrom: r.valid_from, validUntil: r.valid_until }))

  // Refunds, oldest first; a cancelled paid order refunds what is left.
  const refunds: OrderRefund[] = payments
    .flatMap((p) => p.refunds ?? [])
    .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1))
    .map((r) => ({ refundId: r.id, satang: toSatang(r.amount) }))

  const lines: RefundableLine[] = items.map((i) => {
    const rule = i.product_id ? shareRuleOn(ruleList, i.product_id, captureDay) : null
    // What the customer paid for the line: unit price × quantity less its discounts (VAT included; stored fields,
    // not Medusa's computed totals).
    const discount = (i.adjustments ?? []).reduce((s, a) => s + (a ? toSatang(a.amount) : 0), 0)
    return { lineItemId: i.id, paidSatang: Math.max(0, toSatang(lineUnitPrice(i)) * lineQuantity(i) - discount), basisPoints: rule?.basisPoints ?? 0 }
  })
  const paidTotal = lines.reduce((s, l) => s + l.paidSatang, 0)
  // A refund pays back the goods first; what goes beyond the lines' paid total (shipping) is no line's refund.
  let linesLeft = paidTotal
  for (const r of refunds) {
    r.satang = Math.min(r.satang, linesLeft)
    linesLeft -= r.satang
  }
  const refundedTotal = refunds.reduce((s, r) => s + r.satang, 0)
  if (order.status === "canceled" && refundedTotal < paidTotal) refunds.push({ refundId: `cancel_${order.id}`, satang: paidTotal - refundedTotal })

  const attribution = attributeRefunds(lines, refunds)
  if (!attribution.ok) throw notAllowed({ code: attribution.code, message: attribution.message_en, message_th: attribution.message_th })
  const refundedByLine = new Map(attribution.lines.map((l) => [l.lineItemId, l.refundedSatang]))

  const byLine = new Map<string, { unitAllocationId: string; batchId: string }[]>()
  for (const a of allocations) {
    const list = byLine.get(a.line_item_id) ?? []
    list.push({ unitAllocationId: a.id, batchId: a.batch_id })
    byLine.set(a.line_item_id, list)
  }
  const alreadyShared = new Set(existing.filter((e) => e.kind === "sales_share" && e.source.type === "unit_sale").map((e) => (e.source as { lineItemId: string }).lineItemId))

  // Mass balance of the batches involved: grams per household.
  const batchIds = [...new Set(allocations.map((a) => a.batch_id))]
  const inputs = batchIds.length ? await service.listBatchInputs({ batch_id: batchIds }, { select: ["batch_id", "harvest_lot_id", "grams_used"] }) : []
  const lots = inputs.length ? await service.listHarvestLots({ id: [...new Set(inputs.map((i) => i.harvest_lot_id))] }, { select: ["id", "household_id"] }) : []
  const householdOfLot = new Map(lots.map((l) => [l.id, l.household_id]))
  const batchHouseholds: Record<string, BatchHouseholdWeight[]> = {}
  for (const i of inputs) {
    const list = (batchHouseholds[i.batch_id] ??= [])
    const householdId = householdOfLot.get(i.harvest_lot_id)!
    const h = list.find((x) => x.householdId === householdId)
    if (h) h.grams += i.grams_used
    else list.push({ householdId, grams: i.grams_used })
  }

  const now = new Date()
  const shares: LedgerEntry[] = []
  for (const [idx, item] of items.entries()) {
    const line = lines[idx]!
    if (alreadyShared.has(item.id)) continue
    if (line.basisPoints === 0) {
      plan.waiting.push({ line_item_id: item.id, reason: "no_rule" })
      continue
    }
    const units = byLine.get(item.id) ?? []
    if (units.length < lineQuantity(item)) {
      plan.waiting.push({ line_item_id: item.id, reason: "not_allocated" })
      continue
    }
    const target = lineShareTarget(line, refundedByLine.get(item.id) ?? 0)
    shares.push(
      ...salesShareEntries({
        orderId: order.id,
        lineItemId: item.id,
        lineShareSatang: target,
        basisPoints: line.basisPoints,
        units,
        batchHouseholds,
        bookedAt: now,
      })
    )
  }

  const all = [...existing, ...shares]
  const reversal = planRefundReversal({ lines, entries: shareEntryStates(all, order.id), refunds })
  if (!reversal.ok) throw notAllowed({ code: reversal.code, message: reversal.message_en, message_th: reversal.message_th })
  const newest = refunds.at(-1)
  const reversals = newest && reversal.reversals.length ? reversalEntries(reversal, { refundId: newest.refundId, orderId: order.id, entries: all, bookedAt: now }) : []
  plan.entries = [...shares, ...reversals]
  return new StepResponse(plan)
}
