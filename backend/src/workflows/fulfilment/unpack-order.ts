import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { releaseAllocationsStep } from "./steps/release-allocations"

/**
 * Unpacking units scanned into an order that has no fulfilment for them yet (the packer starts over). A created
 * fulfilment is unpacked by cancelling it (Medusa's cancel workflow; the hook in hooks/unpack-on-cancel.ts
 * returns its units).
 */
export const unpackOrderWorkflow = createWorkflow("unpack-order", (input: { order_id: string }) => {
  return new WorkflowResponse(releaseAllocationsStep({ order_id_unfulfilled: input.order_id, reason: "unpacked" }))
})
