import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deletePlotStep, type DeletePlotInput } from "./steps/delete-plot"

/** Deletes a plot with its certifications (one transaction); refused while harvests name it. */
export const deletePlotWorkflow = createWorkflow("delete-plot", (input: DeletePlotInput) => {
  return new WorkflowResponse(deletePlotStep(input))
})
