import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { invalid, notAllowed, notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"

export type IssueLabelUnitsInput = { batch_id: string; count: number }

export const MAX_UNITS_PER_REQUEST = 1000

/** Issues label units for a batch that is not recalled; compensation deletes them. */
export const issueLabelUnitsStep = createStep(
  "issue-label-units",
  async (input: IssueLabelUnitsInput, { container }) => {
    const service = traceability(container)
    const [batch] = await service.listBatches({ id: input.batch_id })
    if (!batch) throw notFound({ en: "Batch", th: "ล็อตการผลิต" }, input.batch_id)
    if (batch.status === "recalled") {
      throw notAllowed({
        code: "BATCH_RECALLED",
        message: `Batch ${batch.lot_number} is recalled; no labels can be issued for it`,
        message_th: `ล็อต ${batch.lot_number} ถูกเรียกคืนแล้ว ออกฉลากเพิ่มไม่ได้`,
      })
    }
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_UNITS_PER_REQUEST) {
      throw invalid({
        code: "INVALID_COUNT",
        message: `count must be a whole number from 1 to ${MAX_UNITS_PER_REQUEST}`,
        message_th: `จำนวนฉลากต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง ${MAX_UNITS_PER_REQUEST}`,
      })
    }
    const units = await service.issueLabelUnits(batch.id, input.count)
    return new StepResponse(units, units.map((u) => u.id))
  },
  async (ids, { container }) => {
    if (ids?.length) await traceability(container).deleteLabelUnits(ids)
  }
)
