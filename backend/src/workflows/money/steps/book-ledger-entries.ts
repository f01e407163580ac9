import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { LedgerEntry } from "@mae-mok/traceability"
import { traceability } from "../../../lib/traceability/service"
import { refusing } from "../refusal"

/**
 * Books ledger entries once per idempotency key (duplicates skipped, a key with other content refused).
 * Compensation removes exactly the entries this step inserted, never ones an earlier delivery booked.
 */
export const bookLedgerEntriesStep = createStep(
  "book-ledger-entries",
  async (entries: LedgerEntry[], { container }) => {
    const result = await refusing(() => traceability(container).bookLedgerEntries(entries))
    return new StepResponse(result, result.booked.map((e) => e.idempotencyKey))
  },
  async (keys, { container }) => {
    if (keys?.length) await traceability(container).removeLedgerEntriesForCompensation(keys)
  }
)
