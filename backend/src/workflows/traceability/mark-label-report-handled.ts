import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markLabelReportHandledStep, type MarkLabelReportHandledInput } from "./steps/mark-label-report-handled"

/** A member marks a buyer's "suspicious label" report handled, saying what was done (decision 0061). */
export const markLabelReportHandledWorkflow = createWorkflow("mark-label-report-handled", (input: MarkLabelReportHandledInput) => {
  return new WorkflowResponse(markLabelReportHandledStep(input))
})
