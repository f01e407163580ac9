import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { invalid } from "../errors"
import { countAttempt, throttleKey, tooManyAttempts, type Refusal } from "../throttle/throttle"

/** The metadata keys only the backend writes (lib/auth/email-verification.ts). */
const RESERVED = ["email_verified_at", "email_verification"]

/**
 * POST /store/customers and /store/customers/me: Medusa lets a customer write their own metadata, so the keys of
 * the verification are refused there — an account cannot call itself verified.
 */
export function reservedCustomerMetadata(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const metadata = (req.body as { metadata?: unknown } | undefined)?.metadata
  if (metadata && typeof metadata === "object" && RESERVED.some((k) => Object.hasOwn(metadata, k))) {
    return next(invalid({ code: "RESERVED_METADATA", message: `metadata.${RESERVED.join(" and metadata.")} are set by the shop only`, message_th: "ข้อมูลการยืนยันอีเมลแก้ไขเองไม่ได้" }))
  }
  next()
}

/** New verification links per customer: one a minute, five a day (each mail goes out through the shop's SMTP). */
export const RESEND_RULES = [
  { limit: 1, windowMs: 60_000 },
  { limit: 5, windowMs: 86_400_000 },
]

const RESENDS: Refusal = {
  code: "TOO_MANY_VERIFICATION_MAILS",
  message: (wait) => `A verification e-mail was sent a moment ago. Check your inbox (and spam), or ask again in ${wait}.`,
  message_th: (wait) => `เพิ่งส่งอีเมลยืนยันไปแล้ว โปรดดูในกล่องจดหมาย (และจดหมายขยะ) หรือขอใหม่อีกครั้งในอีก ${wait}`,
}

/** POST /store/customers/me/email-verification, counted per customer before the mail is made. */
export async function verificationResendThrottle(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const customerId = (req as AuthenticatedMedusaRequest).auth_context?.actor_id ?? ""
  const verdict = await countAttempt(RESEND_RULES.map((rule, i) => ({ key: throttleKey(`verify-resend-${i}`, customerId), rule })))
  if (!verdict.ok) return next(tooManyAttempts(verdict.retryAfterSeconds, RESENDS))
  next()
}
