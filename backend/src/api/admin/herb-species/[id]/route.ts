import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteHerbSpeciesWorkflow } from "../../../../workflows/traceability/delete-herb-species"
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
  await deleteHerbSpeciesWorkflow(req.scope).run({ input: { species_id: s.id } })
  res.json({ id: s.id, object: "herb_species", deleted: true })
}
