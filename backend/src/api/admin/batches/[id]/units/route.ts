import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { issueLabelUnitsWorkflow } from "../../../../../workflows/traceability/issue-label-units"
import type { Infer, IssueUnits } from "../../../validators"
import { batchResponse } from "../../batch-response"

export async function POST(req: MedusaRequest<Infer<typeof IssueUnits>>, res: MedusaResponse) {
  const { result } = await issueLabelUnitsWorkflow(req.scope).run({ input: { batch_id: req.params.id, count: req.validatedBody.count } })
  const issued = new Set(result.map((u) => u.id))
  const batch = await batchResponse(req.scope, req.params.id)
  res.json({ units: batch!.units.filter((u) => issued.has(u.id)) })
}
