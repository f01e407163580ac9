import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { packingState } from "../../../../../../lib/fulfilment/packing-state"
import { fulfilPackedOrderWorkflow } from "../../../../../../workflows/fulfilment/fulfil-packed-order"
import { actorId } from "../../../../helpers"
import type { Infer, PackFulfil } from "../../../../validators"

// POST /admin/orders/:id/packing/fulfil { fill } — the fulfilment of the packed units; with fill, the units nobody
// scanned are allocated FIFO first ("allocated, not scanned"). All or nothing.
export async function POST(req: MedusaRequest<Infer<typeof PackFulfil>>, res: MedusaResponse) {
  const { result } = await fulfilPackedOrderWorkflow(req.scope).run({
    input: { order_id: req.params.id, fill: req.validatedBody.fill, actor_id: actorId(req) },
  })
  res.json({ fulfillment_id: result.fulfillment.id, packing: await packingState(req.scope, req.params.id) })
}
