import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"

export type DeleteHouseholdInput = { household_id: string; actor_id: string | null }

/** Deletes a household with its photo (one transaction); refused while it has plots. Nothing to compensate: the step is its one transaction. */
export const deleteHouseholdStep = createStep("delete-household", async (input: DeleteHouseholdInput, { container }) => {
  await traceability(container).deleteHouseholdWithPhoto(input.household_id, input.actor_id)
  return new StepResponse(input.household_id)
})
