import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type SetProductVideosInput, setProductVideosStep } from "./steps/set-product-videos"

/** Sets the short videos of a product (files already uploaded through the file module). */
export const setProductVideosWorkflow = createWorkflow("set-product-videos", (input: SetProductVideosInput) => {
  return new WorkflowResponse(setProductVideosStep(input))
})
