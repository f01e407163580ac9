import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rebookFarmGatePurchaseStep } from "../money/steps/rebook-farm-gate-purchase"
import { type VoidHarvestInput, voidHarvestLotStep } from "./steps/void-harvest-lot"

export type { VoidHarvestInput } from "./steps/void-harvest-lot"

/**
 * Voids a harvest lot no batch has used (issue 15, decision 0067): it stays in the records, marked with the
 * reason, no batch can use it, and its farm-gate purchase is reversed (the household's balance is as before).
 */
export const voidHarvestWorkflow = createWorkflow("void-harvest", (input: VoidHarvestInput) => {
  const lot = voidHarvestLotStep(input)
  const rebookInput = transform({ input, lot }, ({ input }) => ({ harvest_lot_id: input.id, correction_id: "void", lot: null, actor_id: input.actor_id }))
  const rebooking = rebookFarmGatePurchaseStep(rebookInput)
  return new WorkflowResponse({ rebooking })
})
