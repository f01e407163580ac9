import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { parseTrackingNumber } from "@mae-mok/traceability"
import { fromCore, invalid, notAllowed, notFound } from "../../../../../../lib/errors"
import { unitCount } from "../../../../../../lib/fulfilment/packing-order"
import { packingState } from "../../../../../../lib/fulfilment/packing-state"
import { actorId } from "../../../../helpers"
import type { Infer, PackTracking } from "../../../../validators"

// POST /admin/orders/:id/packing/tracking { fulfillment_id, tracking_number } — the parcel is handed to Thailand
// Post: the number is checked (S10 with TH, core tracking-number.ts) and the shipment is created through Medusa's
// shipment workflow with the number and its Thailand Post tracking link as the fulfilment's label.
export async function POST(req: MedusaRequest<Infer<typeof PackTracking>>, res: MedusaResponse) {
  const orderId = req.params.id
  const { fulfillment_id, tracking_number } = req.validatedBody
  const parsed = parseTrackingNumber(tracking_number)
  if (!parsed.ok) throw invalid(fromCore(parsed))
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "fulfillments.id", "fulfillments.canceled_at", "fulfillments.shipped_at", "fulfillments.items.line_item_id", "fulfillments.items.quantity", "fulfillments.items.raw_quantity"],
    filters: { id: orderId },
  })
  const fulfillment = data[0]?.fulfillments?.find((f) => f?.id === fulfillment_id)
  if (!fulfillment) throw notFound({ en: "Fulfillment of this order", th: "การจัดส่งของคำสั่งซื้อนี้" }, fulfillment_id)
  if (fulfillment.canceled_at) throw notAllowed({ code: "FULFILLMENT_CANCELED", message: "This fulfillment was cancelled.", message_th: "การจัดส่งนี้ถูกยกเลิกแล้ว" })
  if (fulfillment.shipped_at) throw notAllowed({ code: "ALREADY_SHIPPED", message: "This fulfillment has already been shipped.", message_th: "การจัดส่งนี้ส่งออกไปแล้ว" })
  const items = (fulfillment.items ?? []).flatMap((i) => (i?.line_item_id ? [{ id: i.line_item_id, quantity: unitCount({ id: i.line_item_id, quantity: i.quantity, raw_quantity: (i as { raw_quantity?: unknown }).raw_quantity }) }] : []))
  await createOrderShipmentWorkflow(req.scope).run({
    input: {
      order_id: orderId,
      fulfillment_id,
      items,
      created_by: actorId(req) ?? undefined,
      labels: [{ tracking_number: parsed.number, tracking_url: parsed.trackingUrl, label_url: parsed.trackingUrl }],
    },
  })
  res.json({ packing: await packingState(req.scope, orderId) })
}
