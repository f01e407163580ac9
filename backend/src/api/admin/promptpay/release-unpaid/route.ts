import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { readEnv } from "../../../../lib/env"
import { releaseUnpaidPromptPayOrders } from "../../../../lib/payments/unpaid-promptpay"

/**
 * POST /admin/promptpay/release-unpaid — what the scheduled job does, on demand: cancels native
 * PromptPay orders unconfirmed for longer than `older_than_minutes` (default PROMPTPAY_UNPAID_TTL_MINUTES)
 * and releases their stock. Answers { order_ids } of the cancelled orders.
 */
export const POST = async (req: AuthenticatedMedusaRequest<{ older_than_minutes?: unknown }>, res: MedusaResponse) => {
  const raw = (req.body ?? {}).older_than_minutes
  const minutes = raw === undefined ? readEnv().promptpayUnpaidTtlMinutes : raw
  if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes <= 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `older_than_minutes must be a positive number of minutes, got ${JSON.stringify(raw)}`
    )
  }
  const orderIds = await releaseUnpaidPromptPayOrders(req.scope, minutes)
  res.json({ order_ids: orderIds })
}
