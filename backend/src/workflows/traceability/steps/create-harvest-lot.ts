import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"
import type { CheckedHarvest } from "./check-harvest"

/** Writes the checked harvest lot; compensation deletes it. */
export const createHarvestLotStep = createStep(
  "create-harvest-lot",
  async (input: CheckedHarvest, { container }) => {
    const lot = await traceability(container).createHarvestLots({
      plot_id: input.plot_id,
      household_id: input.household_id,
      species_id: input.species_id,
      harvested_on: input.harvested_on,
      grams_harvested: input.grams,
      grams_used: 0,
      certifications: input.certifications,
      created_by: input.actor_id,
    })
    return new StepResponse(lot, lot.id)
  },
  async (id, { container }) => {
    if (id) await traceability(container).deleteHarvestLots(id)
  }
)
