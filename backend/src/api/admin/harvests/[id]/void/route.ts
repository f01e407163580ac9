import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { voidHarvestWorkflow } from "../../../../../workflows/traceability/void-harvest"
import { actorId } from "../../../helpers"
import type { HarvestVoid, Infer } from "../../../validators"
import { harvestAnswer } from "../../harvest-response"

/** Voids the lot with a reason (issue 15): its farm-gate purchase is reversed; refused once a batch used it. */
export async function POST(req: MedusaRequest<Infer<typeof HarvestVoid>>, res: MedusaResponse) {
  await harvestAnswer(req, req.params.id)
  const { result } = await voidHarvestWorkflow(req.scope).run({ input: { id: req.params.id, reason: req.validatedBody.reason, actor_id: actorId(req) } })
  res.json({ harvest: { ...(await harvestAnswer(req, req.params.id)), rebooking: result.rebooking } })
}
