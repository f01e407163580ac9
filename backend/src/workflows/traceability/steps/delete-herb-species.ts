import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"

export type DeleteHerbSpeciesInput = { species_id: string }

/** Deletes a herb species (one transaction); refused while harvests are of it. Nothing to compensate: the step is its one transaction. */
export const deleteHerbSpeciesStep = createStep("delete-herb-species", async (input: DeleteHerbSpeciesInput, { container }) => {
  await traceability(container).deleteUnusedHerbSpecies(input.species_id)
  return new StepResponse(input.species_id)
})
