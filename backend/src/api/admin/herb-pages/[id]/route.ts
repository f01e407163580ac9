import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notFound } from "../../../../lib/errors"
import { saveHerbPageWorkflow } from "../../../../workflows/herbs/save-herb-page"
import { traceability } from "../../../../lib/traceability/service"
import { actorId } from "../../helpers"
import type { HerbPageUpdate, Infer } from "../../validators"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const [herb_page] = await traceability(req.scope).listHerbPages({ id: req.params.id })
  if (!herb_page) throw notFound({ en: "Herb page", th: "หน้าสมุนไพร" }, req.params.id)
  res.json({ herb_page })
}

// POST /admin/herb-pages/:id — edit (the whole page: Thai and English side by side).
export async function POST(req: MedusaRequest<Infer<typeof HerbPageUpdate>>, res: MedusaResponse) {
  const { result } = await saveHerbPageWorkflow(req.scope).run({ input: { id: req.params.id, page: req.validatedBody, actor_id: actorId(req) } })
  res.json({ herb_page: result })
}
