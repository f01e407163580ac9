import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notFound } from "../../../../lib/errors"
import { saveHerbRecipeWorkflow } from "../../../../workflows/herbs/save-herb-recipe"
import { traceability } from "../../../../lib/traceability/service"
import { actorId } from "../../helpers"
import type { HerbRecipeUpdate, Infer } from "../../validators"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const [herb_recipe] = await traceability(req.scope).listHerbRecipes({ id: req.params.id })
  if (!herb_recipe) throw notFound({ en: "Recipe", th: "ตำรับ" }, req.params.id)
  res.json({ herb_recipe })
}

// POST /admin/herb-recipes/:id — edit (the whole recipe: Thai and English side by side).
export async function POST(req: MedusaRequest<Infer<typeof HerbRecipeUpdate>>, res: MedusaResponse) {
  const { result } = await saveHerbRecipeWorkflow(req.scope).run({ input: { id: req.params.id, recipe: req.validatedBody, actor_id: actorId(req) } })
  res.json({ herb_recipe: result })
}
