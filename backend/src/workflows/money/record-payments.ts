import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { PaymentInput } from "@mae-mok/traceability/module"
import { recordHouseholdPaymentsStep } from "./steps/record-household-payments"

/**
 * Pays households: one payment (a household page) or a whole payout run ("จ่ายเงินรอบเดือน"), booked
 * together or not at all.
 */
export const recordPaymentsWorkflow = createWorkflow("record-household-payments", (input: { payments: PaymentInput[] }) => {
  return new WorkflowResponse(recordHouseholdPaymentsStep(input.payments))
})
