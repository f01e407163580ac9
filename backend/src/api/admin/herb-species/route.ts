import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { traceability } from "../../../lib/traceability/service"
import { actorId, page, validQuery } from "../helpers"
import { type Infer, type SpeciesCreate, SpeciesQuery } from "../validators"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { skip, take, limit, offset } = page(await validQuery(req, SpeciesQuery))
  const [herb_species, count] = await traceability(req.scope).listAndCountHerbSpecies({}, { skip, take, order: { thai_name: "ASC" } })
  res.json({ herb_species, count, limit, offset })
}

export async function POST(req: MedusaRequest<Infer<typeof SpeciesCreate>>, res: MedusaResponse) {
  const actor = actorId(req)
  const herb_species = await traceability(req.scope).createHerbSpecies({ ...req.validatedBody, created_by: actor, updated_by: actor })
  res.json({ herb_species })
}
