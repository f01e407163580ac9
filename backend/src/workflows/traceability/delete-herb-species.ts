import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteHerbSpeciesStep, type DeleteHerbSpeciesInput } from "./steps/delete-herb-species"

/** Deletes a herb species (one transaction); refused while harvests are of it. */
export const deleteHerbSpeciesWorkflow = createWorkflow("delete-herb-species", (input: DeleteHerbSpeciesInput) => {
  return new WorkflowResponse(deleteHerbSpeciesStep(input))
})
