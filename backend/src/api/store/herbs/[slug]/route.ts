import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notFound } from "../../../../lib/errors"
import { publicHerb } from "../../../../lib/herbs/records"

// GET /store/herbs/:slug — one published herb page (public herb projection; Markdown already sanitised to HTML).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const slug = req.params.slug
  const answer = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 60 ? await publicHerb(req.scope, slug) : null
  if (!answer) throw notFound({ en: "Herb page", th: "หน้าสมุนไพร" }, slug.slice(0, 60), "HERB_NOT_FOUND")
  res.json(answer)
}
