import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rebookFarmGatePurchaseStep } from "../money/steps/rebook-farm-gate-purchase"
import { checkHarvestStep } from "./steps/check-harvest"
import { correctHarvestLotStep } from "./steps/correct-harvest-lot"
import { type CorrectHarvestInput, loadHarvestLotStep } from "./steps/load-harvest-lot"

export type { CorrectHarvestInput } from "./steps/load-harvest-lot"

/**
 * Corrects a harvest lot no batch has used (issue 15, decision 0067): the corrected values pass the same check
 * as a new harvest (certification valid that day, herb grown on the plot), the change is written with its audit
 * row, and the farm-gate purchase is reversed and booked again at the price of the (new) harvest day.
 */
export const correctHarvestWorkflow = createWorkflow("correct-harvest", (input: CorrectHarvestInput) => {
  const loaded = loadHarvestLotStep(input)
  const corrected = transform({ loaded }, ({ loaded }) => loaded.corrected)
  const checked = checkHarvestStep(corrected)
  const correctInput = transform({ input, loaded, checked }, ({ input, loaded, checked }) => ({
    id: input.id,
    read: loaded.read,
    checked,
    reason: input.reason,
    actor_id: input.actor_id,
  }))
  const correction = correctHarvestLotStep(correctInput)
  const rebookInput = transform({ input, checked, correction }, ({ input, checked, correction }) => ({
    harvest_lot_id: input.id,
    correction_id: correction.correction_id,
    lot: { household_id: checked.household_id, species_id: checked.species_id, harvested_on: checked.harvested_on, grams: checked.grams },
    actor_id: input.actor_id,
  }))
  const rebooking = rebookFarmGatePurchaseStep(rebookInput)
  return new WorkflowResponse({ correction, rebooking })
})
