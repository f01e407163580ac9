import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { bookLedgerEntriesStep } from "./steps/book-ledger-entries"
import { type OrderSharesInput, planOrderSharesStep } from "./steps/plan-order-shares"

/**
 * Books an order's sales shares and refund reversals (issue 13): run on every payment capture, fulfilment
 * (units allocated), refund and cancellation; idempotent, so duplicated and out-of-order events book once.
 */
export const bookOrderSharesWorkflow = createWorkflow("book-order-shares", (input: OrderSharesInput) => {
  const plan = planOrderSharesStep(input)
  const entries = transform({ plan }, ({ plan }) => plan.entries)
  const booked = bookLedgerEntriesStep(entries)
  return new WorkflowResponse({ plan, booked })
})
