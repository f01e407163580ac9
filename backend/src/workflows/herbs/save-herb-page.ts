import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type SaveHerbPageInput, saveHerbPageStep } from "./steps/save-herb-page"

/** Creates or edits a herb page (Thai and English side by side), refused when the core's checks say no. */
export const saveHerbPageWorkflow = createWorkflow("save-herb-page", (input: SaveHerbPageInput) => {
  return new WorkflowResponse(saveHerbPageStep(input))
})
