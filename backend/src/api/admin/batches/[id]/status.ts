import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { BatchAction } from "@mae-mok/traceability"
import { setBatchStatusWorkflow } from "../../../../workflows/traceability/set-batch-status"
import { actorId } from "../../helpers"
import { batchResponse } from "../batch-response"

/** POST handler for release / hold / recall (the workflow checks the transition and the reason). */
export function statusHandler(action: BatchAction) {
  return async (req: MedusaRequest<{ reason?: string }>, res: MedusaResponse) => {
    await setBatchStatusWorkflow(req.scope).run({
      input: { batch_id: req.params.id, action, reason: req.validatedBody?.reason ?? null, actor_id: actorId(req) },
    })
    res.json({ batch: await batchResponse(req.scope, req.params.id) })
  }
}
