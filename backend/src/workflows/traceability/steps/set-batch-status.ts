import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { type BatchAction, type BatchStatus, batchTransition } from "@mae-mok/traceability"
import { invalid, notAllowed, notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"

export type SetBatchStatusInput = { batch_id: string; action: BatchAction; reason: string | null; actor_id: string | null }

type Previous = { id: string; status: BatchStatus; status_reason: string | null; released_at: Date | null; recalled_at: Date | null; updated_by: string | null }

/** Moves a batch to the status its action leads to (the core decides); compensation restores the previous row. */
export const setBatchStatusStep = createStep(
  "set-batch-status",
  async (input: SetBatchStatusInput, { container }) => {
    const service = traceability(container)
    const [batch] = await service.listBatches({ id: input.batch_id })
    if (!batch) throw notFound({ en: "Batch", th: "ล็อตการผลิต" }, input.batch_id)
    const t = batchTransition(batch.status, input.action)
    if (!t.ok) throw notAllowed({ code: "INVALID_TRANSITION", message: t.message_en, message_th: t.message_th })
    const reason = input.reason?.trim() || null
    if (t.reasonRequired && !reason) {
      throw invalid({ code: "REASON_REQUIRED", message: `A reason is required to ${input.action} a batch`, message_th: "ต้องระบุเหตุผล" })
    }
    const previous: Previous = {
      id: batch.id,
      status: batch.status,
      status_reason: batch.status_reason,
      released_at: batch.released_at ? new Date(batch.released_at) : null,
      recalled_at: batch.recalled_at ? new Date(batch.recalled_at) : null,
      updated_by: batch.updated_by,
    }
    const now = new Date()
    const updated = await service.updateBatches({
      id: batch.id,
      status: t.status,
      status_reason: t.status === "released" ? null : reason,
      released_at: t.status === "released" && !batch.released_at ? now : previous.released_at,
      recalled_at: t.status === "recalled" ? now : previous.recalled_at,
      updated_by: input.actor_id,
    })
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (previous) await traceability(container).updateBatches(previous)
  }
)

