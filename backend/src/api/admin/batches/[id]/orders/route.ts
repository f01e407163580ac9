import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { found } from "../../../helpers"
import { batchResponse } from "../../batch-response"

// GET /admin/batches/:id/orders — forward trace: orders of the batch's variant since its release.
// Units are not scanned at packing, so these are the orders that MAY contain the batch.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const batch = found(await batchResponse(req.scope, req.params.id), "Batch", req.params.id)
  if (!batch.variant || !batch.released_at) return void res.json({ orders: [] })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "created_at", "email", "items.variant_id", "items.quantity"],
    filters: { created_at: { $gte: new Date(batch.released_at) } },
  })
  const orders = data
    .map((o) => ({
      id: o.id,
      display_id: o.display_id,
      created_at: o.created_at,
      email: o.email,
      quantity: (o.items ?? []).filter((i) => i?.variant_id === batch.variant!.id).reduce((n, i) => n + Number(i!.quantity), 0),
    }))
    .filter((o) => o.quantity > 0)
  res.json({ orders })
}
