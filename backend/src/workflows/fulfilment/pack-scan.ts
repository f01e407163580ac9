import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type PackScannedUnitInput, packScannedUnitStep } from "./steps/pack-scanned-unit"

/** One scan at the packing table (see the step); the fulfilment is created by fulfilPackedOrderWorkflow. */
export const packScanWorkflow = createWorkflow("pack-scan", (input: PackScannedUnitInput) => {
  return new WorkflowResponse(packScannedUnitStep(input))
})
