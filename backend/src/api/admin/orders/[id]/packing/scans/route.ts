import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { packingState } from "../../../../../../lib/fulfilment/packing-state"
import { fulfilPackedOrderWorkflow } from "../../../../../../workflows/fulfilment/fulfil-packed-order"
import { packScanWorkflow } from "../../../../../../workflows/fulfilment/pack-scan"
import { actorId } from "../../../../helpers"
import type { Infer, PackScan } from "../../../../validators"

// POST /admin/orders/:id/packing/scans { code } — one scan (a unit's Digital Link or its serial). A refused scan
// is a 400 (409 when the unit is packed for another order) with the core's Thai message and changes nothing.
// When the scan completes every line, the fulfilment is created (Medusa's fulfilment workflow) with these units.
export async function POST(req: MedusaRequest<Infer<typeof PackScan>>, res: MedusaResponse) {
  const actor = actorId(req)
  const { result } = await packScanWorkflow(req.scope).run({ input: { order_id: req.params.id, scanned: req.validatedBody.code, actor_id: actor } })
  let packing = await packingState(req.scope, req.params.id)
  let fulfillment_id: string | null = null
  if (packing.complete && packing.units.some((u) => u.fulfillment_id === null)) {
    const { result: fulfilled } = await fulfilPackedOrderWorkflow(req.scope).run({ input: { order_id: req.params.id, fill: false, actor_id: actor } })
    fulfillment_id = fulfilled.fulfillment.id
    packing = await packingState(req.scope, req.params.id)
  }
  res.json({ scan: result.verdict, fulfillment_id, packing })
}
