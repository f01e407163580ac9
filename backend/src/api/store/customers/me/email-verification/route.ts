import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendVerification } from "../../../../../lib/auth/email-verification"
import { inMailQueue } from "../../../../../lib/mail/queue"
import { forbidden } from "../../../../../lib/errors"

// POST /store/customers/me/email-verification — the logged-in customer asks for a new verification link (the old
// one stops working). Throttled per customer (verificationResendThrottle in middlewares.ts). Answers { status }:
// "sent", or "verified" when the address is verified already.
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const customerId = req.auth_context?.actor_id
  if (!customerId) throw forbidden({ code: "NOT_A_CUSTOMER", message: "Sign in as a customer first", message_th: "กรุณาเข้าสู่ระบบก่อน" })
  const status = await inMailQueue(() => sendVerification(req.scope, customerId, false))
  res.json({ status: status === "skipped" ? "verified" : status })
}
