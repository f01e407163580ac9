import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buyerShipping } from "../../../../../lib/fulfilment/buyer-shipping"

// GET /store/orders/:id/shipping — the order's Thailand Post numbers and recall notices, for the order's own
// customer or the storefront (orderAccess in middlewares.ts, decision 0025).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.setHeader("cache-control", "private, no-store")
  res.json(await buyerShipping(req.scope, req.params.id))
}
