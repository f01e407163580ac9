import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"

export type AttachAllocationsInput = { order_id: string; fulfillment_id: string }

/** Records the new fulfilment on the order's packed units. Compensation: they lose it again. */
export const attachAllocationsStep = createStep(
  "attach-allocations",
  async (input: AttachAllocationsInput, { container }) => {
    const ids = await traceability(container).attachAllocationsToFulfillment(input.order_id, input.fulfillment_id)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids && ids.length > 0) await traceability(container).detachAllocations(ids)
  }
)
