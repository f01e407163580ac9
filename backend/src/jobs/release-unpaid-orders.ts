import type { MedusaContainer } from "@medusajs/framework/types"
import { readEnv } from "../lib/env"
import { releaseUnpaidOrders, UNPAID_METHODS, type UnpaidMethod } from "../lib/payments/unpaid-orders"

/**
 * Orders placed before the money arrived give their stock back when nobody confirmed them in time: native
 * PromptPay after PROMPTPAY_UNPAID_TTL_MINUTES, bank transfer / cash on delivery after
 * MANUAL_PAYMENT_UNPAID_TTL_MINUTES. Both always run: PromptPay orders placed while PROMPTPAY_ID was set
 * still expire after it is removed.
 */
export default async function releaseUnpaidOrdersJob(container: MedusaContainer) {
  const env = readEnv()
  for (const method of Object.keys(UNPAID_METHODS) as UnpaidMethod[]) {
    await releaseUnpaidOrders(container, method, UNPAID_METHODS[method].ttlMinutes(env))
  }
}

export const config = { name: "release-unpaid-orders", schedule: "*/5 * * * *" }
