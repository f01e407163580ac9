import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isValidGtin } from "@mae-mok/traceability"
import { invalid, notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"
import { MAX_UNITS_PER_REQUEST } from "./issue-label-units"

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
export const validateBatchStep = createStep("validate-batch", async (input: CreateBatchInput, { container }) => {
  if (!Number.isInteger(input.issue_units) || input.issue_units < 0 || input.issue_units > MAX_UNITS_PER_REQUEST) {
    throw invalid({
      code: "INVALID_COUNT",
      message: `issue_units must be a whole number from 0 to ${MAX_UNITS_PER_REQUEST}`,
      message_th: `จำนวนฉลากต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง ${MAX_UNITS_PER_REQUEST}`,
    })
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "barcode", "product.metadata"],
    filters: { id: input.variant_id },
  })
  const variant = data[0]
  if (!variant) throw notFound({ en: "Product variant", th: "ตัวเลือกสินค้า" }, input.variant_id)
  if (!variant.barcode || !isValidGtin(variant.barcode)) {
    throw invalid({
      code: "NO_GTIN",
      message: `Product variant ${input.variant_id} has no valid GTIN in its barcode`,
      message_th: `ตัวเลือกสินค้า ${input.variant_id} ไม่มีรหัส GTIN ที่ถูกต้องในบาร์โค้ด`,
    })
  }
  const prefix = (variant.product?.metadata as Record<string, unknown> | null)?.lot_prefix
  if (typeof prefix !== "string" || !/^[A-Z]{2,3}$/.test(prefix)) {
    throw invalid({
      code: "NO_LOT_PREFIX",
      message: `The product of variant ${input.variant_id} has no lot_prefix (2–3 letters) in its metadata`,
      message_th: `สินค้าของตัวเลือก ${input.variant_id} ยังไม่มีรหัสนำหน้าล็อต (lot_prefix อักษร 2–3 ตัว)`,
    })
  }
  await traceability(container).checkConsumable(input.inputs)
  return new StepResponse({ lot_prefix: prefix, batch_id: generateEntityId(undefined, "batch") })
})
