import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { countAttempt, requestIp, throttleKey, tooManyAttempts, type Refusal } from "../throttle/throttle"

/** Slip uploads: 10 an hour per order, 30 an hour per network (each writes up to 5 MB to the data folder). */
export const SLIP_RULES = { perOrder: { limit: 10, windowMs: 3_600_000 }, perIp: { limit: 30, windowMs: 3_600_000 } }

const SLIPS: Refusal = {
  code: "TOO_MANY_SLIPS",
  message: (wait) => `Too many slips were sent. Try again in ${wait}, or send the slip to the group's LINE.`,
  message_th: (wait) => `ส่งสลิปหลายครั้งเกินไป โปรดลองใหม่ในอีก ${wait} หรือส่งสลิปทาง LINE ของกลุ่ม`,
}

/** POST /store/orders/:id/transfer-slip, after orderAccess: counted before the body is read. */
export async function slipThrottle(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const verdict = await countAttempt([
    { key: throttleKey("slip-order", String(req.params.id ?? "")), rule: SLIP_RULES.perOrder },
    { key: throttleKey("slip-ip", requestIp(req)), rule: SLIP_RULES.perIp },
  ])
  if (!verdict.ok) return next(tooManyAttempts(verdict.retryAfterSeconds, SLIPS))
  next()
}
