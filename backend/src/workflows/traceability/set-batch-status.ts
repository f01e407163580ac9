import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setBatchStatusStep, type SetBatchStatusInput } from "./steps/set-batch-status"

export type { SetBatchStatusInput } from "./steps/set-batch-status"

/** Release, hold or recall a batch (hold and recall need a reason; recall is final). */
export const setBatchStatusWorkflow = createWorkflow("set-batch-status", (input: SetBatchStatusInput) => {
  return new WorkflowResponse(setBatchStatusStep(input))
})
