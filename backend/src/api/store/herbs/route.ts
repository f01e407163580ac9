import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { TRADITIONAL_KNOWLEDGE_NOTE } from "@mae-mok/traceability"
import { publicHerbs } from "../../../lib/herbs/records"

// GET /store/herbs — every published herb page in short (names, first photo, the products made with it),
// for product pages and the herb list. Built by the public herb projection only.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const herbs = (await publicHerbs(req.scope)).map(({ herb }) => ({
    slug: herb.slug,
    names: herb.names,
    photo: herb.photos[0] ?? null,
    products: herb.products.map((p) => p.handle),
  }))
  res.json({ herbs, note: TRADITIONAL_KNOWLEDGE_NOTE })
}
