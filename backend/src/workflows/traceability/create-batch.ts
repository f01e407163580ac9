import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { isValidGtin } from "@mae-mok/traceability"
import { TRACEABILITY_MODULE } from "@mae-mok/traceability/module"
import { issueLabelUnitsStep } from "./issue-label-units"
import { traceability } from "./service"

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

/** The variant must exist, have a GTIN (its barcode) and its product a lot prefix. */
const loadVariantStep = createStep("load-batch-variant", async (input: CreateBatchInput, { container }) => {
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
  return new StepResponse({ lot_prefix: prefix })
})

const consumeHarvestStep = createStep(
  "consume-harvest-into-batch",
  async (input: CreateBatchInput & { lot_prefix: string }, { container }) => {
    const batch = await traceability(container).createBatchConsuming({
      lot_prefix: input.lot_prefix,
      produced_on: input.produced_on,
      best_before: input.best_before,
      units_planned: input.units_planned,
      inputs: input.inputs,
      created_by: input.actor_id,
    })
    return new StepResponse(batch, batch.id)
  },
  async (batchId, { container }) => {
    if (batchId) await traceability(container).deleteBatchConsuming(batchId)
  }
)

/** Creates a draft batch of a variant from harvest lots (mass balance enforced), optionally with labels. */
export const createBatchWorkflow = createWorkflow("create-batch", (input: CreateBatchInput) => {
  const variant = loadVariantStep(input)
  const consumeInput = transform({ input, variant }, ({ input, variant }) => ({ ...input, lot_prefix: variant.lot_prefix }))
  const batch = consumeHarvestStep(consumeInput)
  const links = transform({ input, batch }, ({ input, batch }) => [
    { [Modules.PRODUCT]: { product_variant_id: input.variant_id }, [TRACEABILITY_MODULE]: { batch_id: batch.id } },
  ])
  createRemoteLinkStep(links)
  when({ input }, ({ input }) => input.issue_units > 0).then(() => {
    const issue = transform({ input, batch }, ({ input, batch }) => ({ batch_id: batch.id, count: input.issue_units }))
    issueLabelUnitsStep(issue)
  })
  return new WorkflowResponse(batch)
})
