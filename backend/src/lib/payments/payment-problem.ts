/**
 * What went wrong with a cart's payment when Medusa refused to place the order, from the payment
 * session Medusa's payment module left behind (its status and the provider's data).
 * Medusa itself only says "Session: payses_… was not authorized with the provider."
 */
export type PaymentSessionView = {
  id: string
  provider_id: string
  status: string
  data?: Record<string, unknown> | null
}

export type PaymentProblem = {
  /** "requires_more": not an error; the customer has a step left (3-D Secure, scanning the PromptPay QR). */
  code: "payment_declined" | "payment_not_completed" | "payment_requires_more" | "payment_canceled"
  message: string
  message_th: string
}

function providerMessage(data: PaymentSessionView["data"]): string | null {
  const error = data?.last_payment_error as { message?: unknown } | null | undefined
  return typeof error?.message === "string" && error.message.trim() !== "" ? error.message.trim() : null
}

export function paymentProblem(session: PaymentSessionView): PaymentProblem | null {
  const unchanged = "Nothing was charged for this attempt and the cart is unchanged."
  const unchangedTh = "ครั้งนี้ยังไม่มีการตัดเงิน และตะกร้ายังอยู่เหมือนเดิม"
  switch (session.status) {
    case "error": {
      const reason = providerMessage(session.data)
      return {
        code: "payment_declined",
        message: `The payment was declined${reason ? `: ${reason}` : "."} ${unchanged} Try another card or another payment method.`,
        message_th: `การชำระเงินถูกปฏิเสธ${reason ? ` (${reason})` : ""} ${unchangedTh} กรุณาลองบัตรใบอื่นหรือวิธีชำระเงินอื่น`,
      }
    }
    case "requires_more":
      return {
        code: "payment_requires_more",
        message: "The payment needs one more step from the customer (card authentication or paying the QR) before the order can be placed.",
        message_th: "การชำระเงินยังต้องทำอีกหนึ่งขั้นตอน (ยืนยันตัวตนกับธนาคารผู้ออกบัตร หรือสแกนจ่าย QR) ก่อนจึงจะสร้างคำสั่งซื้อได้",
      }
    case "pending":
      return {
        code: "payment_not_completed",
        message: `The payment has not been made yet: complete it in the payment form first. ${unchanged}`,
        message_th: `ยังไม่ได้ชำระเงิน กรุณาชำระในแบบฟอร์มชำระเงินก่อน ${unchangedTh}`,
      }
    case "canceled":
      return {
        code: "payment_canceled",
        message: `This payment was cancelled: start the payment again. ${unchanged}`,
        message_th: `การชำระเงินนี้ถูกยกเลิกแล้ว กรุณาเริ่มชำระเงินใหม่ ${unchangedTh}`,
      }
    default:
      return null
  }
}
