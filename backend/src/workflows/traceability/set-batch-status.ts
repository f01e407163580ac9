import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setBatchStatusStep, type SetBatchStatusInput } from "./steps/set-batch-status"

export type { SetBatchStatusInput } from "./steps/set-batch-status"

/** Emitted once a recall is committed: { id } of the batch (subscribers/recall-notice-mail.ts tells its buyers). */
export const BATCH_RECALLED = "traceability.batch.recalled"

/** Release, hold or recall a batch (hold and recall need a reason; recall is final). */
export const setBatchStatusWorkflow = createWorkflow("set-batch-status", (input: SetBatchStatusInput) => {
  const batch = setBatchStatusStep(input)
  // Grouped events go out only when the workflow succeeds, so a refused or compensated recall mails nobody.
  when("batch-recalled", input, (i) => i.action === "recall").then(() => {
    emitEventStep({ eventName: BATCH_RECALLED, data: transform({ input }, ({ input }) => ({ id: input.batch_id })) })
  })
  return new WorkflowResponse(batch)
})
