import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listLabelReports } from "../../../lib/traceability/label-reports"

// GET /admin/label-reports — buyers' "suspicious label" reports, newest first (the latest 200).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ label_reports: await listLabelReports(req.scope, 200) })
}
