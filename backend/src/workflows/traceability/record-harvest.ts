import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkHarvestStep, type RecordHarvestInput } from "./steps/check-harvest"
import { createHarvestLotStep } from "./steps/create-harvest-lot"

export type { RecordHarvestInput } from "./steps/check-harvest"

/** Records a harvest lot with a snapshot of the certifications valid on the harvest date. */
export const recordHarvestWorkflow = createWorkflow("record-harvest", (input: RecordHarvestInput) => {
  const checked = checkHarvestStep(input)
  const lot = createHarvestLotStep(checked)
  return new WorkflowResponse(lot)
})
