import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { TraceabilityModuleService } from "@mae-mok/traceability/module"
import { traceability } from "../../../lib/traceability/service"

export type UpdateHouseholdInput = {
  /** The columns to write (api/admin/households/consent.ts stamps a changed consent). */
  data: Parameters<TraceabilityModuleService["updateHouseholdAndPhoto"]>[0]
  photo_consent_withdrawn: boolean
}

/**
 * Updates a household, renaming its photo in the same transaction when the photo consent is withdrawn.
 * Nothing to compensate: the step is its one transaction.
 */
export const updateHouseholdStep = createStep("update-household", async (input: UpdateHouseholdInput, { container }) => {
  await traceability(container).updateHouseholdAndPhoto(input.data, { photoConsentWithdrawn: input.photo_consent_withdrawn })
  return new StepResponse(input.data.id)
})
