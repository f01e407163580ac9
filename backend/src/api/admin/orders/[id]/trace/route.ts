import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { notFound } from "../../../../../lib/errors"
import { backwardTrace } from "../../../../../lib/fulfilment/backward-trace"
import { traceability } from "../../../../../lib/traceability/service"

// GET /admin/orders/:id/trace — backward trace of an order: the units packed or allocated to it → batches →
// harvest lots → plots → households (issue 12). An order with nothing packed yet answers no batches.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id"], filters: { id: req.params.id } })
  if (!data[0]) throw notFound({ en: "Order", th: "คำสั่งซื้อ" }, req.params.id)
  const allocations = await traceability(req.scope).listActiveAllocationsForOrder(req.params.id)
  const trace = await backwardTrace(
    req.scope,
    allocations.map((a) => ({ batch_id: a.batch_id, unit: { serial: a.serial, order_id: a.order_id, method: a.method } }))
  )
  res.json({ order_id: req.params.id, ...trace })
}
