import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { packingState } from "../../../../../lib/fulfilment/packing-state"

// GET /admin/orders/:id/packing — the packing view's state: lines, units packed (scanned or FIFO), fulfilments.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ packing: await packingState(req.scope, req.params.id) })
}
