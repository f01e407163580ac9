import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { endRuleStep, type EndRuleInput } from "./steps/end-rule"
import { setFarmGatePriceStep, type SetFarmGatePriceInput } from "./steps/set-farm-gate-price"
import { setShareRuleStep, type SetShareRuleInput } from "./steps/set-share-rule"

/** The committee sets a farm-gate price per kg for a herb, from a day on (the older price closes). */
export const setFarmGatePriceWorkflow = createWorkflow("set-farm-gate-price", (input: SetFarmGatePriceInput) => {
  return new WorkflowResponse(setFarmGatePriceStep(input))
})

/** The committee sets the share of net revenue that goes back to growers, for a product or all. */
export const setShareRuleWorkflow = createWorkflow("set-share-rule", (input: SetShareRuleInput) => {
  return new WorkflowResponse(setShareRuleStep(input))
})

/** Ends (or withdraws) a farm-gate price or share rule. */
export const endRuleWorkflow = createWorkflow("end-price-rule", (input: EndRuleInput) => {
  return new WorkflowResponse(endRuleStep(input))
})
