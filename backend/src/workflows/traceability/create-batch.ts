import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { TRACEABILITY_MODULE } from "@mae-mok/traceability/module"
import { consumeHarvestIntoBatchStep } from "./steps/consume-harvest-into-batch"
import { type CreateBatchInput, validateBatchStep } from "./steps/validate-batch"

export type { CreateBatchInput } from "./steps/validate-batch"

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
  const batch = consumeHarvestIntoBatchStep(consumeInput)
  return new WorkflowResponse(batch)
})
