import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { logPrivateRevealStep, type LogPrivateRevealInput } from "./steps/log-private-reveal"

/** Logs that an admin user was shown one household private field (the route answers the value only after this). */
export const revealHouseholdPrivateWorkflow = createWorkflow("reveal-household-private", (input: LogPrivateRevealInput) => {
  return new WorkflowResponse(logPrivateRevealStep(input))
})
