import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../../lib/traceability/service"
import type { CreateBatchInput } from "./validate-batch"

/** The batch, its inputs, the kilograms taken and its first units: one transaction; compensation undoes it. */
export const consumeHarvestIntoBatchStep = createStep(
  "consume-harvest-into-batch",
  async (input: CreateBatchInput & { lot_prefix: string; batch_id: string }, { container }) => {
    const batch = await traceability(container).createBatchConsuming({
      id: input.batch_id,
      lot_prefix: input.lot_prefix,
      produced_on: input.produced_on,
      best_before: input.best_before,
      units_planned: input.units_planned,
      inputs: input.inputs,
      issue_units: input.issue_units,
      created_by: input.actor_id,
    })
    return new StepResponse(batch, batch.id)
  },
  async (batchId, { container }) => {
    if (batchId) await traceability(container).deleteBatchConsuming(batchId)
  }
)
