import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { correctHarvestWorkflow } from "../../../../workflows/traceability/correct-harvest"
import { actorId } from "../../helpers"
import type { HarvestCorrect, Infer } from "../../validators"
import { harvestAnswer } from "../harvest-response"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ harvest: await harvestAnswer(req, req.params.id) })
}

/** Corrects the lot (issue 15): 409 HARVEST_IN_BATCH once a batch used it, HARVEST_VOIDED after a void. */
export async function POST(req: MedusaRequest<Infer<typeof HarvestCorrect>>, res: MedusaResponse) {
  const { result } = await correctHarvestWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id, actor_id: actorId(req) } })
  res.json({ harvest: { ...(await harvestAnswer(req, req.params.id)), rebooking: result.rebooking } })
}
