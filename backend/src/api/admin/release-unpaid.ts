import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readEnv } from "../../lib/env"
import { releaseUnpaidOrders, UNPAID_METHODS, type UnpaidMethod } from "../../lib/payments/unpaid-orders"
import type { Infer, UnpaidRelease } from "./validators"

/**
 * What the scheduled job does for one payment method, on demand: cancels its orders unconfirmed for longer
 * than `older_than_minutes` (default: the method's own setting) and releases their stock. Answers { order_ids }.
 */
export function releaseUnpaidRoute(method: UnpaidMethod) {
  return async (req: AuthenticatedMedusaRequest<Infer<typeof UnpaidRelease>>, res: MedusaResponse) => {
    const minutes = req.validatedBody.older_than_minutes ?? UNPAID_METHODS[method].ttlMinutes(readEnv())
    res.json({ order_ids: await releaseUnpaidOrders(req.scope, method, minutes) })
  }
}
