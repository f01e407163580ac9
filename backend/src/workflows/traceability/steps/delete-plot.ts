import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"

export type DeletePlotInput = { plot_id: string }

/** Deletes a plot with its certifications (one transaction); refused while harvests name it. Nothing to compensate: the step is its one transaction. */
export const deletePlotStep = createStep("delete-plot", async (input: DeletePlotInput, { container }) => {
  await traceability(container).deletePlotWithCertifications(input.plot_id)
  return new StepResponse(input.plot_id)
})
