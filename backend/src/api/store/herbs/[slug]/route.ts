import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { AppError } from "../../../../lib/errors"
import { publicHerb } from "../../../../lib/herbs/records"

// GET /store/herbs/:slug — one published herb page (public herb projection; Markdown already sanitised to HTML).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const slug = req.params.slug
  const answer = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 60 ? await publicHerb(req.scope, slug) : null
  if (!answer) {
    // The slug is not echoed: it is whatever the visitor typed.
    throw new AppError(MedusaError.Types.NOT_FOUND, { code: "HERB_NOT_FOUND", message: "There is no published herb page at this address", message_th: "ไม่พบหน้าสมุนไพรนี้" })
  }
  res.json(answer)
}
