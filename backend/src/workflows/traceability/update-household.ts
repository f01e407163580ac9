import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateHouseholdStep, type UpdateHouseholdInput } from "./steps/update-household"

/** Updates a household (consent, alias, private data) and, when the photo consent is withdrawn, retires the photo's address. */
export const updateHouseholdWorkflow = createWorkflow("update-household", (input: UpdateHouseholdInput) => {
  return new WorkflowResponse(updateHouseholdStep(input))
})
