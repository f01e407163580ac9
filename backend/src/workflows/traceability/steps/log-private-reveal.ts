import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"

export type LogPrivateRevealInput = { household_id: string; field: string; user_id: string }

/** Writes one reveal to the log; undone (deleted) if a later step fails, so the log never claims a reveal not made. */
export const logPrivateRevealStep = createStep(
  "log-private-reveal",
  async (input: LogPrivateRevealInput, { container }) => {
    const row = await traceability(container).createPrivateDataReveals({ ...input, revealed_at: new Date() })
    return new StepResponse({ id: row.id, revealed_at: row.revealed_at }, row.id)
  },
  async (id, { container }) => {
    if (id) await traceability(container).deletePrivateDataReveals(id)
  }
)
