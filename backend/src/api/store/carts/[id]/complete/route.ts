import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { POST as completeCart } from "@medusajs/medusa/api/store/carts/[id]/complete/route"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { isStockRefusal, stockRefusal } from "../../../../../lib/checkout/stock-refusal"
import { conflict } from "../../../../../lib/errors"
import { paymentProblem, type PaymentSessionView } from "../../../../../lib/payments/payment-problem"
import { rollBackInterruptedCheckouts } from "../../../../../lib/recovery/checkouts"
import { interruptedBefore } from "../../../../../lib/recovery/cutoff"

/**
 * Medusa's own POST /store/carts/:id/complete, with its refusals made plain: when the payment provider did not
 * authorize the payment, Medusa's payment module answers "Session: payses_… was not authorized with
 * the provider." for a declined card and a pending 3-D Secure alike. Here the session it left behind
 * says which: a declined or unfinished payment is a 400 with the reason (Stripe's decline message),
 * and a payment that needs the customer's next step is Medusa's documented 200 { type: "cart", error }.
 * A declined card leaves the session open for the next card, as Stripe leaves its PaymentIntent.
 * A stock refusal (another order took the units meanwhile) is a 400 with code out_of_stock and the short
 * lines; a cart over the quantity limits is refused by the validate hook (decision 0023).
 * First, a completion of this cart that a crashed process left half-done is rolled back (as the
 * recovery job would), so a customer retrying at once never gets the half-placed order.
 */
export const POST = async (req: Parameters<typeof completeCart>[0], res: MedusaResponse) => {
  await rollBackInterruptedCheckouts(req.scope, await interruptedBefore(req.scope), req.params.id)
  try {
    await completeCart(req, res)
  } catch (err) {
    if (isStockRefusal(err)) {
      res.status(400).json(await stockRefusal(req.scope, req.params.id))
      return
    }
    // Many buyers completing at once queue on the stock's lock; one that waited past Medusa's lock timeout was
    // not placed (the workflow rolled back): say so, so the buyer can try again, instead of a 500.
    if (/Timed-out acquiring lock/.test(String((err as Error)?.message))) {
      throw conflict({
        code: "STOCK_BUSY",
        message: "Many buyers are reserving this stock right now; your order was not placed. Please try again.",
        message_th: "ขณะนี้มีผู้สั่งซื้อสินค้านี้พร้อมกันหลายคน คำสั่งซื้อของคุณยังไม่ถูกบันทึก กรุณาลองอีกครั้ง",
      })
    }
    if (!MedusaError.isMedusaError(err) || !/not authorized with the provider/.test((err as Error).message)) throw err
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "cart",
      fields: ["payment_collection.payment_sessions.*"],
      filters: { id: req.params.id },
    })
    const sessions = (data[0]?.payment_collection?.payment_sessions ?? []) as (PaymentSessionView & { amount: number; currency_code: string })[]
    const session = sessions.find((s) => (err as Error).message.includes(s.id))
    const problem = session ? paymentProblem(session) : null
    if (!problem) throw err
    if (problem.code === "payment_requires_more") {
      const { data: carts } = await query.graph({ entity: "cart", fields: defaultStoreCartFields, filters: { id: req.params.id } })
      res.status(200).json({
        type: "cart",
        cart: carts[0],
        error: { type: MedusaError.Types.PAYMENT_REQUIRES_MORE_ERROR, code: problem.code, message: problem.message, message_th: problem.message_th },
      })
      return
    }
    if (problem.code === "payment_declined" && session!.data?.status === "requires_payment_method") {
      // Stripe keeps the PaymentIntent open for another card; Medusa marked the session dead ("error"),
      // which would make the customer's next attempt fail with "Payment sessions are required".
      await req.scope.resolve(Modules.PAYMENT).updatePaymentSession({
        id: session!.id,
        amount: session!.amount,
        currency_code: session!.currency_code,
        data: session!.data ?? {},
        status: PaymentSessionStatus.PENDING,
      })
    }
    res.status(400).json({ type: MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, code: problem.code, message: problem.message, message_th: problem.message_th })
  }
}
