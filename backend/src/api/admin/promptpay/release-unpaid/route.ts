import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readEnv } from "../../../../lib/env"
import { releaseUnpaidPromptPayOrders } from "../../../../lib/payments/unpaid-promptpay"
import type { Infer, PromptPayRelease } from "../../validators"

/**
 * POST /admin/promptpay/release-unpaid — what the scheduled job does, on demand: cancels native
 * PromptPay orders unconfirmed for longer than `older_than_minutes` (default PROMPTPAY_UNPAID_TTL_MINUTES)
 * and releases their stock. Answers { order_ids } of the cancelled orders.
 */
export const POST = async (req: AuthenticatedMedusaRequest<Infer<typeof PromptPayRelease>>, res: MedusaResponse) => {
  const minutes = req.validatedBody.older_than_minutes ?? readEnv().promptpayUnpaidTtlMinutes
  const orderIds = await releaseUnpaidPromptPayOrders(req.scope, minutes)
  res.json({ order_ids: orderIds })
}
