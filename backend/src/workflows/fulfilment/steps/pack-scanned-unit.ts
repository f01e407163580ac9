import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkPackScan, type PackAccepted, serialFromScan } from "@mae-mok/traceability"
import { conflict, fromCore, notAllowed } from "../../../lib/errors"
import { loadPackingOrder, packingToday, variantOfBatch } from "../../../lib/fulfilment/packing-order"
import { traceability } from "../../../lib/traceability/service"

export type PackScannedUnitInput = { order_id: string; scanned: string; actor_id: string | null }
export type PackScannedUnitOutput = { verdict: PackAccepted; allocation_id: string }

/**
 * One scan at the packing table: the core's verdict under the variant's lock, the allocation written only when
 * it is ok. A refused scan throws (nothing written): a unit packed for another order is a 409, the rest 400.
 * Compensation: the allocation is released (never deleted).
 */
export const packScannedUnitStep = createStep(
  "pack-scanned-unit",
  async (input: PackScannedUnitInput, { container }) => {
    const service = traceability(container)
    const order = await loadPackingOrder(container, input.order_id)
    const today = packingToday()
    const parsed = serialFromScan(input.scanned)
    const [unit] = parsed ? await service.listLabelUnits({ serial: parsed.serial }, { select: ["id", "batch_id", "serial"] }) : []
    const refuseUnknown = () => {
      const verdict = checkPackScan({ orderId: order.id, unit: null, scanned: input.scanned, lines: order.lines.map((l) => ({ lineItemId: l.line_item_id, variantId: l.variant_id, quantity: l.quantity, allocated: 0 })), today })
      if (verdict.ok) throw new Error("an unknown unit was accepted")
      return notAllowed(fromCore(verdict))
    }
    if (!unit) throw refuseUnknown()
    const variantId = (await variantOfBatch(container, unit.batch_id)) ?? "(no variant)"
    const { verdict, allocation_id } = await service.packScannedUnit({
      order_id: order.id,
      order_display: order.display_id === null ? null : String(order.display_id),
      label_unit_id: unit.id,
      variant_id: variantId,
      lines: order.lines,
      today,
      created_by: input.actor_id,
    })
    if (!verdict.ok) throw verdict.packedIn === "other_order" ? conflict(fromCore(verdict)) : notAllowed(fromCore(verdict))
    return new StepResponse<PackScannedUnitOutput, string>({ verdict, allocation_id: allocation_id as string }, allocation_id as string)
  },
  async (allocationId, { container }) => {
    if (allocationId) await traceability(container).releaseAllocations({ ids: [allocationId] }, "compensated")
  }
)
