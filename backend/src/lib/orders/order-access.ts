import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { AppError } from "../errors"
import { fromStorefront } from "../http/storefront-auth"

/**
 * Who may read or act on an order through the store API (docs/decisions/0025-order-access.md). Medusa answers
 * GET /store/orders/:id to anyone who has the id ("the id is the credential"); an id travels in URLs, logs and
 * e-mails, and the answer holds a name, an address, a phone number and an e-mail. Here only two may:
 *  - the order's own customer, logged in (bearer token or session), and
 *  - the shop's storefront, with its server secret (x-storefront-secret), which decides for guests: the browser
 *    that placed the order (its signed session) or a signed link.
 * Everyone else gets 401 (no login) or 404 (not their order, or no such order: the same answer, so an id cannot
 * be probed). Used after Medusa's `authenticate("customer", …, { allowUnauthenticated: true })`. Refusals go to
 * the API's one error handler (AppError → errorAnswer) like every other.
 */
export async function orderAccess(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (fromStorefront(req.headers)) return next()
  const customerId = (req as MedusaRequest & { auth_context?: { actor_id?: string; actor_type?: string } }).auth_context?.actor_id
  if (!customerId) {
    return next(
      new AppError(MedusaError.Types.UNAUTHORIZED, {
        code: "ORDER_LOGIN_REQUIRED",
        message: "Log in as the customer who placed this order to see it.",
        message_th: "โปรดเข้าสู่ระบบด้วยบัญชีที่สั่งซื้อเพื่อดูคำสั่งซื้อนี้",
      })
    )
  }
  const orderId = String(req.params.id ?? (req.body as { order_id?: unknown } | undefined)?.order_id ?? "")
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "customer_id"], filters: { id: orderId } })
  if (data[0]?.customer_id && data[0].customer_id === customerId) return next()
  next(
    new AppError(MedusaError.Types.NOT_FOUND, {
      code: "ORDER_NOT_FOUND",
      message: "No order with this id belongs to you.",
      message_th: "ไม่พบคำสั่งซื้อนี้ในบัญชีของคุณ",
    })
  )
}
