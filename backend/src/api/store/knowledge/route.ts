import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { TRADITIONAL_KNOWLEDGE_NOTE } from "@mae-mok/traceability"
import { publicHerbs, publicRecipes } from "../../../lib/herbs/records"

// GET /store/knowledge — the knowledge e-book: every published herb page and the group's recipes.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ herbs: await publicHerbs(req.scope), recipes: await publicRecipes(req.scope), note: TRADITIONAL_KNOWLEDGE_NOTE })
}
