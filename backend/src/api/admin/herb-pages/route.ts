import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveHerbPageWorkflow } from "../../../workflows/herbs/save-herb-page"
import { traceability } from "../../../lib/traceability/service"
import { actorId, page, validQuery } from "../helpers"
import { type HerbPageCreate, type Infer, SpeciesQuery } from "../validators"

// GET /admin/herb-pages — every herb page, published or not.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { skip, take, limit, offset } = page(await validQuery(req, SpeciesQuery))
  const [herb_pages, count] = await traceability(req.scope).listAndCountHerbPages({}, { skip, take, order: { name_th: "ASC" } })
  res.json({ herb_pages, count, limit, offset })
}

// POST /admin/herb-pages — the page of one herb species.
export async function POST(req: MedusaRequest<Infer<typeof HerbPageCreate>>, res: MedusaResponse) {
  const { species_id, ...body } = req.validatedBody
  const { result } = await saveHerbPageWorkflow(req.scope).run({ input: { species_id, page: body, actor_id: actorId(req) } })
  res.json({ herb_page: result })
}
