import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type SaveHerbRecipeInput, saveHerbRecipeStep } from "./steps/save-herb-recipe"

/** Creates or edits one of the group's recipes (Thai and English side by side), refused when the core's checks say no. */
export const saveHerbRecipeWorkflow = createWorkflow("save-herb-recipe", (input: SaveHerbRecipeInput) => {
  return new WorkflowResponse(saveHerbRecipeStep(input))
})
