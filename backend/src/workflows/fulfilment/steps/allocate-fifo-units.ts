import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { allLinesCovered } from "@mae-mok/traceability"
import { notAllowed } from "../../../lib/errors"
import { batchesOfVariants, loadPackingOrder, packingToday } from "../../../lib/fulfilment/packing-order"
import { traceability } from "../../../lib/traceability/service"

export type AllocateFifoUnitsInput = {
  order_id: string
  /** True: units nobody scanned are allocated FIFO; false: every line must already be covered by scans. */
  fill: boolean
  actor_id: string | null
}

export type AllocateFifoUnitsOutput = {
  /** Units to fulfil per line: the order's active allocations that have no fulfilment yet. */
  items: { id: string; quantity: number }[]
  allocated_ids: string[]
}

/**
 * Makes every line of the order covered by active allocations (FIFO for what is missing, when asked) and says
 * which units the new fulfilment takes. All or nothing; compensation releases what this step allocated.
 */
export const allocateFifoUnitsStep = createStep(
  "allocate-fifo-units",
  async (input: AllocateFifoUnitsInput, { container }) => {
    const service = traceability(container)
    const order = await loadPackingOrder(container, input.order_id)
    let allocatedIds: string[] = []
    if (input.fill) {
      const batches = await batchesOfVariants(container, [...new Set(order.lines.map((l) => l.variant_id))])
      const { result, allocation_ids } = await service.allocateFifoUnits({
        order_id: order.id,
        lines: order.lines,
        batches_by_variant: batches,
        today: packingToday(),
        created_by: input.actor_id,
      })
      if (!result.ok) {
        const first = result.shortfalls[0]!
        throw notAllowed({ code: first.code, message: result.shortfalls.map((s) => s.message_en).join(" "), message_th: result.shortfalls.map((s) => s.message_th).join(" ") })
      }
      allocatedIds = allocation_ids
    }
    const active = await service.listActiveAllocationsForOrder(order.id)
    const perLine = new Map<string, number>()
    for (const a of active) perLine.set(a.line_item_id, (perLine.get(a.line_item_id) ?? 0) + 1)
    const covered = allLinesCovered(order.lines.map((l) => ({ lineItemId: l.line_item_id, variantId: l.variant_id, quantity: l.quantity, allocated: perLine.get(l.line_item_id) ?? 0 })))
    if (!covered) {
      if (allocatedIds.length > 0) await service.releaseAllocations({ ids: allocatedIds }, "compensated")
      throw notAllowed({
        code: "NOT_FULLY_PACKED",
        message: "Not every line of the order has its units yet: scan the rest, or allocate them FIFO.",
        message_th: "ยังแพ็กไม่ครบทุกรายการ สแกนชิ้นที่เหลือ หรือเลือกจัดสรรอัตโนมัติ (FIFO)",
      })
    }
    const toFulfil = new Map<string, number>()
    for (const a of active) if (a.fulfillment_id === null) toFulfil.set(a.line_item_id, (toFulfil.get(a.line_item_id) ?? 0) + 1)
    if (toFulfil.size === 0) {
      throw notAllowed({ code: "NOTHING_TO_FULFIL", message: "Every packed unit of this order is already in a fulfilment.", message_th: "ทุกชิ้นของคำสั่งซื้อนี้อยู่ในการจัดส่งแล้ว" })
    }
    return new StepResponse<AllocateFifoUnitsOutput, string[]>(
      { items: [...toFulfil].map(([id, quantity]) => ({ id, quantity })), allocated_ids: allocatedIds },
      allocatedIds
    )
  },
  async (ids, { container }) => {
    if (ids && ids.length > 0) await traceability(container).releaseAllocations({ ids }, "compensated")
  }
)
