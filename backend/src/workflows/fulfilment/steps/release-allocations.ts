import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"

export type ReleaseAllocationsInput = { fulfillment_id?: string; order_id_unfulfilled?: string; reason: string }

/** Unpacking: the units return (their allocations are released, never deleted). Compensation: active again. */
export const releaseAllocationsStep = createStep(
  "release-allocations",
  async (input: ReleaseAllocationsInput, { container }) => {
    const { reason, ...which } = input
    const ids = await traceability(container).releaseAllocations(which, reason)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids && ids.length > 0) await traceability(container).reactivateAllocations(ids)
  }
)
