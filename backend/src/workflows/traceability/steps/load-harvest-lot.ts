import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { gramsToKg } from "@mae-mok/traceability"
import type { HarvestLotState } from "@mae-mok/traceability/module"
import { notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"
import type { RecordHarvestInput } from "./check-harvest"

export type CorrectHarvestInput = {
  id: string
  plot_id?: string
  species_id?: string
  harvested_on?: string
  kg?: number
  reason: string
  actor_id: string | null
}

export type LoadedHarvest = {
  read: HarvestLotState
  /** The lot with the correction applied, as the harvest check takes it. */
  corrected: RecordHarvestInput
}

/**
 * Reads the lot to correct (404 when unknown) and merges the fields the correction changes. No write; the
 * correct-harvest-lot step refuses under the row lock if the lot changed since this read.
 */
export const loadHarvestLotStep = createStep("load-harvest-lot", async (input: CorrectHarvestInput, { container }) => {
  const [lot] = await traceability(container).listHarvestLots({ id: input.id })
  if (!lot) throw notFound({ en: "Harvest lot", th: "ล็อตเก็บเกี่ยว" }, input.id)
  const read: HarvestLotState = {
    plot_id: lot.plot_id,
    household_id: lot.household_id,
    species_id: lot.species_id,
    harvested_on: lot.harvested_on,
    grams_harvested: lot.grams_harvested,
    certifications: lot.certifications as unknown[],
  }
  const corrected: RecordHarvestInput = {
    plot_id: input.plot_id ?? lot.plot_id,
    species_id: input.species_id ?? lot.species_id,
    harvested_on: input.harvested_on ?? lot.harvested_on,
    kg: input.kg ?? gramsToKg(lot.grams_harvested),
    actor_id: input.actor_id,
  }
  return new StepResponse<LoadedHarvest>({ read, corrected })
})
