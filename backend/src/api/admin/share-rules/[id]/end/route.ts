import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { endRuleWorkflow } from "../../../../../workflows/money/price-rules"
import { actorId } from "../../../helpers"
import type { Infer, RuleEnd } from "../../../validators"

/** Ends a share rule after `last_day` (or withdraws one not yet started). */
export async function POST(req: MedusaRequest<Infer<typeof RuleEnd>>, res: MedusaResponse) {
  const { result } = await endRuleWorkflow(req.scope).run({ input: { kind: "share_rule", id: req.params.id!, last_day: req.validatedBody.last_day, actor_id: actorId(req) } })
  res.json({ share_rule: result })
}
