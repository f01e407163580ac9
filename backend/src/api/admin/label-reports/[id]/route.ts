import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { markLabelReportHandledWorkflow } from "../../../../workflows/traceability/mark-label-report-handled"
import { actorId } from "../../helpers"

// POST /admin/label-reports/:id — mark a buyer's report handled with a note ({ note }; 404 unknown, 400 already handled).
export async function POST(req: MedusaRequest<{ note: string }>, res: MedusaResponse) {
  const { result } = await markLabelReportHandledWorkflow(req.scope).run({
    input: { report_id: req.params.id, note: req.validatedBody.note, actor_id: actorId(req) },
  })
  res.json({ label_report: { id: result.id, handled_at: result.handled_at, handled_by: result.handled_by, handled_note: result.handled_note } })
}
