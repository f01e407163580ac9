import { cancelOrderFulfillmentWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../lib/traceability/service"

// A cancelled fulfilment returns its units (issue 12): its allocations are released, whichever route cancelled
// it (ours or Medusa's own admin route). The hook runs after the fulfilment is cancelled.
cancelOrderFulfillmentWorkflow.hooks.orderFulfillmentCanceled(
  async ({ fulfillment }, { container }) => {
    const ids = await traceability(container).releaseAllocations({ fulfillment_id: fulfillment.id }, "fulfilment_cancelled")
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids && ids.length > 0) await traceability(container).reactivateAllocations(ids)
  }
)
