import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { traceability } from "../../lib/traceability/service"

export type IssueLabelUnitsInput = { batch_id: string; count: number }

export const MAX_UNITS_PER_REQUEST = 1000

export const issueLabelUnitsStep = createStep(
  "issue-label-units",
  async (input: IssueLabelUnitsInput, { container }) => {
    const service = traceability(container)
    const [batch] = await service.listBatches({ id: input.batch_id })
    if (!batch) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Batch ${input.batch_id} was not found`)
    if (batch.status === "recalled") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Batch ${batch.lot_number} is recalled; no labels can be issued for it`, "BATCH_RECALLED")
    }
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_UNITS_PER_REQUEST) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `count must be a whole number from 1 to ${MAX_UNITS_PER_REQUEST}`)
    }
    const units = await service.issueLabelUnits(batch.id, input.count)
    return new StepResponse(units, units.map((u) => u.id))
  },
  async (ids, { container }) => {
    if (ids?.length) await traceability(container).deleteLabelUnits(ids)
  }
)

/** Issues `count` label units (random 80-bit serials) for a batch. */
export const issueLabelUnitsWorkflow = createWorkflow("issue-label-units", (input: IssueLabelUnitsInput) => {
  return new WorkflowResponse(issueLabelUnitsStep(input))
})
