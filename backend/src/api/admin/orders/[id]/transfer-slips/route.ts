import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listSlips } from "../../../../../lib/orders/transfer-slip"
import { requireOrder } from "../../../helpers"

// GET /admin/orders/:id/transfer-slips — the slips the buyer uploaded, newest first (the group confirms the payment
// from them). Each image: GET …/transfer-slips/:file.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireOrder(req, req.params.id)
  res.setHeader("cache-control", "private, no-store")
  res.json({ slips: await listSlips(req.params.id) })
}
