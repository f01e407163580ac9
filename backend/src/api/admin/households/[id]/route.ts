import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notAllowed } from "../../../../lib/errors"
import { traceability } from "../../../../lib/traceability/service"
import { actorId, found } from "../../helpers"
import type { HouseholdUpdate, Infer } from "../../validators"
import { assertAliasAccepted, householdColumns } from "../consent"
import { householdResponse } from "../household-response"

async function load(req: MedusaRequest) {
  const [h] = await traceability(req.scope).listHouseholds({ id: req.params.id })
  return found(h, "Household", req.params.id)
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ household: householdResponse(await load(req)) })
}

export async function POST(req: MedusaRequest<Infer<typeof HouseholdUpdate>>, res: MedusaResponse) {
  const h = await load(req)
  assertAliasAccepted(req.validatedBody, h)
  const cols = householdColumns(req.validatedBody, h, actorId(req))
  const service = traceability(req.scope)
  await service.updateHouseholds({ id: h.id, ...cols })
  // Withdrawn photo consent: the public route already refuses; the address that was public is retired for good.
  if (h.consent_photo && cols.consent_photo === false) await service.renameHouseholdPhoto(h.id)
  res.json({ household: householdResponse(await load(req)) })
}

export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const h = await load(req)
  const service = traceability(req.scope)
  const [plot] = await service.listPlots({ household_id: h.id }, { take: 1 })
  if (plot) throw notAllowed({ code: "IN_USE", message: `Household ${h.code} still has plots; delete or move them first`, message_th: `ครัวเรือน ${h.code} ยังมีแปลงปลูกอยู่ โปรดลบหรือย้ายแปลงก่อน` })
  await service.removeHouseholdPhoto(h.id, actorId(req))
  await service.deleteHouseholds(h.id)
  res.json({ id: h.id, object: "household", deleted: true })
}
