import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { traceability } from "../../../../../lib/traceability/service"
import { revealHouseholdPrivateWorkflow } from "../../../../../workflows/traceability/reveal-household-private"
import { actorId, found } from "../../../helpers"
import type { HouseholdReveal, Infer } from "../../../validators"

/**
 * One private field of one household, for an admin user with "may see household private data" (middlewares.ts).
 * The reveal is logged before the value is answered (docs/decisions/0056-masked-household-private-data.md).
 */
export async function POST(req: MedusaRequest<Infer<typeof HouseholdReveal>>, res: MedusaResponse) {
  const [h] = await traceability(req.scope).listHouseholds({ id: req.params.id })
  const household = found(h, "Household", req.params.id)
  const field = req.validatedBody.field
  const { result } = await revealHouseholdPrivateWorkflow(req.scope).run({
    input: { household_id: household.id, field, user_id: actorId(req)! },
  })
  const value = (household as Record<string, unknown>)[field]
  res.setHeader("cache-control", "private, no-store")
  res.json({ field, value: value === undefined || value === "" ? null : value, revealed_at: result.revealed_at })
}
