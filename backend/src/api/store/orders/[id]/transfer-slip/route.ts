import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readSlipBody, saveSlip } from "../../../../../lib/orders/transfer-slip"

// POST /store/orders/:id/transfer-slip — the buyer's transfer slip, the image's bytes as the body (any content type;
// the type is read from the bytes: JPEG, PNG, WebP; at most 5 MB, else 413). For the order's own customer or the
// storefront (orderAccess), throttled per order and network (slipThrottle). Medusa's body parser is off here.
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const bytes = await readSlipBody(req)
  res.setHeader("cache-control", "no-store")
  res.json({ slip: await saveSlip(req.scope, req.params.id, bytes) })
}
