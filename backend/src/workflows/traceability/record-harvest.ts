import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { bookFarmGatePurchaseStep } from "../money/steps/book-farm-gate-purchase"
import { checkHarvestStep, type RecordHarvestInput } from "./steps/check-harvest"
import { createHarvestLotStep } from "./steps/create-harvest-lot"

export type { RecordHarvestInput } from "./steps/check-harvest"

/**
 * Records a harvest lot with a snapshot of the certifications valid on the harvest date, and books its
 * farm-gate purchase at the price valid that day (issue 13).
 */
export const recordHarvestWorkflow = createWorkflow("record-harvest", (input: RecordHarvestInput) => {
  const checked = checkHarvestStep(input)
  const lot = createHarvestLotStep(checked)
  const purchaseInput = transform({ lot, checked }, ({ lot, checked }) => ({
    harvest_lot_id: lot.id,
    household_id: checked.household_id,
    species_id: checked.species_id,
    harvested_on: checked.harvested_on,
    grams: checked.grams,
    actor_id: checked.actor_id,
  }))
  const purchase = bookFarmGatePurchaseStep(purchaseInput)
  return new WorkflowResponse({ lot, purchase })
})
