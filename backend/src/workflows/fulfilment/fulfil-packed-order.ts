import { createOrderFulfillmentWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type AllocateFifoUnitsInput, allocateFifoUnitsStep } from "./steps/allocate-fifo-units"
import { attachAllocationsStep } from "./steps/attach-allocations"

/**
 * The fulfilment of a packed order, through Medusa's own fulfilment workflow: the lines' units (scanned, or
 * FIFO for what nobody scanned when `fill`), then the fulfilment of exactly those units, then the fulfilment
 * recorded on their allocations. A failure at any step undoes the earlier ones.
 */
export const fulfilPackedOrderWorkflow = createWorkflow("fulfil-packed-order", (input: AllocateFifoUnitsInput) => {
  const allocated = allocateFifoUnitsStep(input)
  const fulfilmentInput = transform({ input, allocated }, ({ input, allocated }) => ({
    order_id: input.order_id,
    items: allocated.items,
    created_by: input.actor_id ?? undefined,
    no_notification: true,
  }))
  const fulfillment = createOrderFulfillmentWorkflow.runAsStep({ input: fulfilmentInput })
  const attachInput = transform({ input, fulfillment }, ({ input, fulfillment }) => ({ order_id: input.order_id, fulfillment_id: fulfillment.id }))
  const attached = attachAllocationsStep(attachInput)
  return new WorkflowResponse({ fulfillment, allocation_ids: attached })
})
