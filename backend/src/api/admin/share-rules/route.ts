import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bangkokToday } from "@mae-mok/traceability"
import { notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"
import { setShareRuleWorkflow } from "../../../workflows/money/price-rules"
import { actorId } from "../helpers"
import type { Infer, ShareRuleCreate } from "../validators"

/** The share rules with their history, newest first, with product titles. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const rows = await traceability(req.scope).listShareRules({}, { order: { valid_from: "DESC", created_at: "DESC" } })
  const productIds = [...new Set(rows.map((r) => r.product_id).filter((p): p is string => !!p))]
  const query = req.scope.resolve("query")
  const { data: products } = productIds.length ? await query.graph({ entity: "product", fields: ["id", "title"], filters: { id: productIds } }) : { data: [] }
  const titles = new Map((products as { id: string; title: string }[]).map((p) => [p.id, p.title]))
  const today = bangkokToday()
  res.json({
    today,
    share_rules: rows.map((r) => ({
      ...r,
      product_title: r.product_id ? (titles.get(r.product_id) ?? null) : null,
      current: r.valid_from <= today && (r.valid_until === null || today <= r.valid_until),
    })),
  })
}

export async function POST(req: MedusaRequest<Infer<typeof ShareRuleCreate>>, res: MedusaResponse) {
  const b = req.validatedBody
  if (b.product_id) {
    const query = req.scope.resolve("query")
    const { data } = await query.graph({ entity: "product", fields: ["id"], filters: { id: b.product_id } })
    if (data.length === 0) throw notFound({ en: "Product", th: "สินค้า" }, b.product_id)
  }
  const { result } = await setShareRuleWorkflow(req.scope).run({
    input: { product_id: b.product_id, basis_points: b.basis_points, valid_from: b.valid_from, valid_until: b.valid_until ?? null, note: b.note ?? null, actor_id: actorId(req) },
  })
  res.json({ share_rule: result })
}
