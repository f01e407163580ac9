import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PaymentInput } from "@mae-mok/traceability/module"
import { traceability } from "../../../lib/traceability/service"
import { refusing } from "../refusal"

/** Records payments to households, all or none, refusing any above what the household is owed. */
export const recordHouseholdPaymentsStep = createStep(
  "record-household-payments",
  async (payments: PaymentInput[], { container }) => {
    const entries = await refusing(() => traceability(container).recordHouseholdPayments(payments))
    return new StepResponse(entries, entries.map((e) => e.idempotencyKey))
  },
  async (keys, { container }) => {
    if (keys?.length) await traceability(container).removeLedgerEntriesForCompensation(keys)
  }
)
