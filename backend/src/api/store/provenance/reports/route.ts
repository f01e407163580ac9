import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordLabelReport } from "../../../../lib/traceability/label-reports"
import { requestIp } from "../../../../lib/throttle/throttle"
import type { LabelReportBody } from "../validators"

/**
 * POST /store/provenance/reports — a buyer's "suspicious label" report, sent by the storefront (which vouches
 * for the buyer's IP). Answers only that it was received: nothing of the report comes back.
 */
export async function POST(req: MedusaRequest<LabelReportBody>, res: MedusaResponse) {
  await recordLabelReport(req.scope, req.validatedBody, requestIp(req))
  res.setHeader("Cache-Control", "no-store")
  res.status(201).json({ received: true })
}
