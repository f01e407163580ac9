import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveHerbRecipeWorkflow } from "../../../workflows/herbs/save-herb-recipe"
import { traceability } from "../../../lib/traceability/service"
import { actorId, page, validQuery } from "../helpers"
import { type HerbRecipeCreate, type Infer, SpeciesQuery } from "../validators"

// GET /admin/herb-recipes — the group's recipes, published or not, in the book's order.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { skip, take, limit, offset } = page(await validQuery(req, SpeciesQuery))
  const [herb_recipes, count] = await traceability(req.scope).listAndCountHerbRecipes({}, { skip, take, order: { position: "ASC", title_th: "ASC" } })
  res.json({ herb_recipes, count, limit, offset })
}

// POST /admin/herb-recipes — a new recipe.
export async function POST(req: MedusaRequest<Infer<typeof HerbRecipeCreate>>, res: MedusaResponse) {
  const { result } = await saveHerbRecipeWorkflow(req.scope).run({ input: { recipe: req.validatedBody, actor_id: actorId(req) } })
  res.json({ herb_recipe: result })
}
