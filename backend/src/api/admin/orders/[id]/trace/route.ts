import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { backwardTrace } from "../../../../../lib/fulfilment/backward-trace"
import { traceability } from "../../../../../lib/traceability/service"
import { requireOrder } from "../../../helpers"

// GET /admin/orders/:id/trace — backward trace of an order: the units packed or allocated to it → batches →
// harvest lots → plots → households (issue 12). An order with nothing packed yet answers no batches.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireOrder(req, req.params.id)
  const allocations = await traceability(req.scope).listActiveAllocationsForOrder(req.params.id)
  const trace = await backwardTrace(
    req.scope,
    allocations.map((a) => ({ batch_id: a.batch_id, unit: { serial: a.serial, order_id: a.order_id, method: a.method } }))
  )
  res.json({ order_id: req.params.id, ...trace })
}
