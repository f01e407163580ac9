import type { MedusaContainer } from "@medusajs/framework/types"
import { readEnv } from "../lib/env"
import { releaseUnpaidPromptPayOrders } from "../lib/payments/unpaid-promptpay"

/** Native PromptPay orders still unconfirmed after PROMPTPAY_UNPAID_TTL_MINUTES give their stock back. */
export default async function releaseUnpaidPromptPayOrdersJob(container: MedusaContainer) {
  const env = readEnv()
  if (!env.promptpayId) return
  await releaseUnpaidPromptPayOrders(container, env.promptpayUnpaidTtlMinutes)
}

export const config = { name: "release-unpaid-promptpay-orders", schedule: "*/5 * * * *" }
