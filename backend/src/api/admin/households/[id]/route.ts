import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteHouseholdWorkflow } from "../../../../workflows/traceability/delete-household"
import { updateHouseholdWorkflow } from "../../../../workflows/traceability/update-household"
import { maySeeHouseholdPrivate } from "../../../../lib/auth/household-private"
import { traceability } from "../../../../lib/traceability/service"
import { actorId, found } from "../../helpers"
import type { HouseholdUpdate, Infer } from "../../validators"
import { assertAliasAccepted, householdColumns } from "../consent"
import { householdResponse } from "../household-response"

async function load(req: MedusaRequest) {
  const [h] = await traceability(req.scope).listHouseholds({ id: req.params.id })
  return found(h, "Household", req.params.id)
}

/** The household (private values masked) and whether the asking user may reveal them one by one. */
async function answer(req: MedusaRequest) {
  return { household: { ...householdResponse(await load(req)), may_reveal: await maySeeHouseholdPrivate(req) } }
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json(await answer(req))
}

export async function POST(req: MedusaRequest<Infer<typeof HouseholdUpdate>>, res: MedusaResponse) {
  const h = await load(req)
  assertAliasAccepted(req.validatedBody, h)
  const cols = householdColumns(req.validatedBody, h, actorId(req))
  // Withdrawn photo consent: the public route already refuses; the address that was public is retired for good.
  const withdrawn = Boolean(h.consent_photo) && cols.consent_photo === false
  await updateHouseholdWorkflow(req.scope).run({ input: { data: { id: h.id, ...cols }, photo_consent_withdrawn: withdrawn } })
  res.json(await answer(req))
}

export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const h = await load(req)
  await deleteHouseholdWorkflow(req.scope).run({ input: { household_id: h.id, actor_id: actorId(req) } })
  res.json({ id: h.id, object: "household", deleted: true })
}
