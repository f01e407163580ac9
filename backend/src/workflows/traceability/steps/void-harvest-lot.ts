import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"

export type VoidHarvestInput = { id: string; reason: string; actor_id: string | null }

/**
 * Marks the lot voided (who, when, why) under its row lock: 404 when unknown, 409 while a batch uses it or when
 * it is voided already. Compensation clears the void.
 */
export const voidHarvestLotStep = createStep(
  "void-harvest-lot",
  async (input: VoidHarvestInput, { container }) => {
    const lot = await traceability(container).voidHarvestLot(input.id, input.reason, input.actor_id)
    return new StepResponse(lot, input.id)
  },
  async (id, { container }) => {
    if (id) await traceability(container).unvoidHarvestLot(id)
  }
)
