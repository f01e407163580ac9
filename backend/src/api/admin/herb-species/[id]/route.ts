import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notAllowed } from "../../../../lib/errors"
import { traceability } from "../../../../lib/traceability/service"
import { actorId, found } from "../../helpers"
import type { Infer, SpeciesUpdate } from "../../validators"

async function load(req: MedusaRequest) {
  const [s] = await traceability(req.scope).listHerbSpecies({ id: req.params.id })
  return found(s, "Herb species", req.params.id)
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ herb_species: await load(req) })
}

export async function POST(req: MedusaRequest<Infer<typeof SpeciesUpdate>>, res: MedusaResponse) {
  const s = await load(req)
  const herb_species = await traceability(req.scope).updateHerbSpecies({ id: s.id, ...req.validatedBody, updated_by: actorId(req) })
  res.json({ herb_species })
}

export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const s = await load(req)
  const service = traceability(req.scope)
  const [harvest] = await service.listHarvestLots({ species_id: s.id }, { take: 1 })
  if (harvest) throw notAllowed({ code: "IN_USE", message: `${s.thai_name} has recorded harvests and cannot be deleted`, message_th: `${s.thai_name} มีบันทึกการเก็บเกี่ยวแล้ว ลบไม่ได้` })
  await service.deleteHerbSpecies(s.id)
  res.json({ id: s.id, object: "herb_species", deleted: true })
}
