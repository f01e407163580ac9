import { ContainerRegistrationKeys, generateEntityId, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { isValidGtin } from "@mae-mok/traceability"
import { TRACEABILITY_MODULE } from "@mae-mok/traceability/module"
import { MAX_UNITS_PER_REQUEST } from "./issue-label-units"
import { traceability } from "../../lib/traceability/service"

export type CreateBatchInput = {
  variant_id: string
  produced_on: string
  best_before: string | null
  units_planned: number
  inputs: { harvest_lot_id: string; kg: number }[]
  /** Label units to issue straight away (0 = none). */
  issue_units: number
  actor_id: string | null
}

/**
 * Everything that can refuse the batch before anything is written: the variant must exist, have a GTIN
 * (its barcode) and its product a lot prefix; the lots must have the kilograms. The batch gets its id here.
 */
const validateBatchStep = createStep("validate-batch", async (input: CreateBatchInput, { container }) => {
  if (!Number.isInteger(input.issue_units) || input.issue_units < 0 || input.issue_units > MAX_UNITS_PER_REQUEST) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `issue_units must be a whole number from 0 to ${MAX_UNITS_PER_REQUEST}`)
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "barcode", "product.metadata"],
    filters: { id: input.variant_id },
  })
  const variant = data[0]
  if (!variant) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product variant ${input.variant_id} was not found`)
  if (!variant.barcode || !isValidGtin(variant.barcode)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Product variant ${input.variant_id} has no valid GTIN in its barcode`)
  }
  const prefix = (variant.product?.metadata as Record<string, unknown> | null)?.lot_prefix
  if (typeof prefix !== "string" || !/^[A-Z]{2,3}$/.test(prefix)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `The product of variant ${input.variant_id} has no lot_prefix (2–3 letters) in its metadata`)
  }
  await traceability(container).checkConsumable(input.inputs)
  return new StepResponse({ lot_prefix: prefix, batch_id: generateEntityId(undefined, "batch") })
})

const consumeHarvestStep = createStep(
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

/**
 * Creates a draft batch of a variant from harvest lots (mass balance enforced), optionally with labels.
 * The variant link (another module, so another transaction) is written BEFORE the batch: a crash in
 * between leaves a link to no batch, which nothing shows and the crash-recovery job removes, never a
 * batch without its variant. The batch, its inputs, the kilograms and the units are one transaction.
 */
export const createBatchWorkflow = createWorkflow("create-batch", (input: CreateBatchInput) => {
  const variant = validateBatchStep(input)
  const links = transform({ input, variant }, ({ input, variant }) => [
    { [Modules.PRODUCT]: { product_variant_id: input.variant_id }, [TRACEABILITY_MODULE]: { batch_id: variant.batch_id } },
  ])
  createRemoteLinkStep(links)
  const consumeInput = transform({ input, variant }, ({ input, variant }) => ({ ...input, lot_prefix: variant.lot_prefix, batch_id: variant.batch_id }))
  const batch = consumeHarvestStep(consumeInput)
  return new WorkflowResponse(batch)
})
