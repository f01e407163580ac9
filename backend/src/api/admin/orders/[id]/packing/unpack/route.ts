import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelOrderFulfillmentWorkflow } from "@medusajs/medusa/core-flows"
import { notFound } from "../../../../../../lib/errors"
import { loadPackingOrder } from "../../../../../../lib/fulfilment/packing-order"
import { orderFulfilments, packingState } from "../../../../../../lib/fulfilment/packing-state"
import { unpackOrderWorkflow } from "../../../../../../workflows/fulfilment/unpack-order"
import { actorId } from "../../../../helpers"
import type { Infer, PackUnpack } from "../../../../validators"

// POST /admin/orders/:id/packing/unpack { fulfillment_id? } — with a fulfilment: cancels it through Medusa's
// workflow (its units return, hooks/unpack-on-cancel.ts); without: the scans not yet in a fulfilment return.
export async function POST(req: MedusaRequest<Infer<typeof PackUnpack>>, res: MedusaResponse) {
  const orderId = req.params.id
  const fulfillmentId = req.validatedBody.fulfillment_id
  await loadPackingOrder(req.scope, orderId, { allowCanceled: true })
  if (fulfillmentId) {
    const mine = (await orderFulfilments(req.scope, orderId)).find((f) => f.id === fulfillmentId)
    if (!mine) throw notFound({ en: "Fulfillment of this order", th: "การจัดส่งของคำสั่งซื้อนี้" }, fulfillmentId)
    await cancelOrderFulfillmentWorkflow(req.scope).run({ input: { order_id: orderId, fulfillment_id: fulfillmentId, canceled_by: actorId(req) ?? undefined } })
  } else {
    await unpackOrderWorkflow(req.scope).run({ input: { order_id: orderId } })
  }
  res.json({ packing: await packingState(req.scope, orderId) })
}
