import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { invalid, notAllowed, notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"

export type MarkLabelReportHandledInput = { report_id: string; note: string; actor_id: string | null }

/** Marks one open report handled with the member's note; a handled report stays as it was (its note is the record). */
export const markLabelReportHandledStep = createStep(
  "mark-label-report-handled",
  async (input: MarkLabelReportHandledInput, { container }) => {
    const service = traceability(container)
    const [report] = await service.listLabelReports({ id: input.report_id })
    if (!report) throw notFound({ en: "Label report", th: "เรื่องแจ้งฉลาก" }, input.report_id)
    const note = input.note.trim()
    if (!note) throw invalid({ code: "NOTE_REQUIRED", message: "Say what was done about the report", message_th: "โปรดบันทึกว่าได้ทำอะไรกับเรื่องนี้" })
    if (report.handled_at) {
      throw notAllowed({ code: "ALREADY_HANDLED", message: "This report was already marked handled", message_th: "เรื่องนี้บันทึกว่าจัดการแล้ว" })
    }
    const updated = await service.updateLabelReports({ id: report.id, handled_at: new Date(), handled_by: input.actor_id, handled_note: note })
    return new StepResponse(updated, report.id)
  },
  async (id, { container }) => {
    if (id) await traceability(container).updateLabelReports({ id, handled_at: null, handled_by: null, handled_note: null })
  }
)
