import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { issueLabelUnitsStep, type IssueLabelUnitsInput } from "./steps/issue-label-units"

export { MAX_UNITS_PER_REQUEST, type IssueLabelUnitsInput } from "./steps/issue-label-units"

/** Issues `count` label units (random 80-bit serials) for a batch. */
export const issueLabelUnitsWorkflow = createWorkflow("issue-label-units", (input: IssueLabelUnitsInput) => {
  return new WorkflowResponse(issueLabelUnitsStep(input))
})
