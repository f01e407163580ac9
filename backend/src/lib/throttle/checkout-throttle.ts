import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { counterStore } from "./store"
import { countAttempt, requestIp, type Refusal, throttleKey, throttleSettings, tooManyAttempts } from "./throttle"

const CHECKOUTS: Refusal = {
  code: "TOO_MANY_CHECKOUTS",
  message: (wait) => `Too many orders were placed from this network. Try again in ${wait}, or contact the shop.`,
  message_th: (wait) => `มีการสั่งซื้อจากเครือข่ายนี้มากเกินไป โปรดลองใหม่ในอีก ${wait} หรือติดต่อร้าน`,
}

/**
 * POST /store/carts/:id/complete: placed orders are throttled per client IP (CHECKOUT_LIMIT_PER_IP per
 * CHECKOUT_LIMIT_WINDOW_MINUTES), so one client cannot hold the shop's stock with order after order
 * (docs/decisions/0024-throttling.md). The attempt counts before the cart is completed, so a burst of parallel
 * completions cannot all slip through; an answer that placed no order (stock, payment, a bad cart) takes it back.
 * Completing a cart that is already an order only returns that order again and is not counted.
 */
export async function checkoutThrottle(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at"], filters: { id: String(req.params.id ?? "") } })
  if (!data[0] || data[0].completed_at) return next()
  const gate = { key: throttleKey("checkout-ip", requestIp(req)), rule: throttleSettings().checkoutPerIp }
  const verdict = await countAttempt([gate])
  if (!verdict.ok) return next(tooManyAttempts(verdict.retryAfterSeconds, CHECKOUTS))
  let placed = false
  const json = res.json.bind(res)
  res.json = (body: unknown) => {
    placed = res.statusCode === 200 && (body as { type?: unknown } | null)?.type === "order"
    return json(body)
  }
  // A client that hangs up before the answer keeps its attempt counted (the order may still be placed).
  res.on("finish", () => {
    if (!placed) void counterStore().undo(gate.key)
  })
  next()
}
