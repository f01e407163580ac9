import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { HarvestLotState } from "@mae-mok/traceability/module"
import { traceability } from "../../../lib/traceability/service"
import type { CheckedHarvest } from "./check-harvest"

export type CorrectHarvestLotInput = { id: string; read: HarvestLotState; checked: CheckedHarvest; reason: string; actor_id: string | null }

type Undo = { id: string; correction_id: string; before: HarvestLotState }

/**
 * Writes the checked correction and its audit row under the lot's row lock (refused while a batch uses the lot
 * or after a void, 409). Compensation puts the lot back as it was and removes the audit row.
 */
export const correctHarvestLotStep = createStep(
  "correct-harvest-lot",
  async (input: CorrectHarvestLotInput, { container }) => {
    const c = input.checked
    const result = await traceability(container).correctHarvestLot({
      harvest_lot_id: input.id,
      read: input.read,
      after: {
        plot_id: c.plot_id,
        household_id: c.household_id,
        species_id: c.species_id,
        harvested_on: c.harvested_on,
        grams_harvested: c.grams,
        certifications: c.certifications,
      },
      reason: input.reason,
      created_by: input.actor_id,
    })
    return new StepResponse(result, { id: input.id, correction_id: result.correction_id, before: result.before } satisfies Undo)
  },
  async (undo: Undo | undefined, { container }) => {
    if (undo) await traceability(container).undoHarvestCorrection(undo.id, undo.correction_id, undo.before)
  }
)
