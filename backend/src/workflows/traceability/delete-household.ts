import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteHouseholdStep, type DeleteHouseholdInput } from "./steps/delete-household"

/** Deletes a household with its photo (one transaction); refused while it has plots. */
export const deleteHouseholdWorkflow = createWorkflow("delete-household", (input: DeleteHouseholdInput) => {
  return new WorkflowResponse(deleteHouseholdStep(input))
})
