import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { verifyEmail } from "../../../lib/auth/email-verification"
import type { EmailVerify } from "../customers/validators"

// POST /store/email-verification { token } — the link from the verification mail, posted by the storefront's
// /account/verify-email page: the token itself is the proof (a 256-bit secret, single use). 400 when invalid or used.
export async function POST(req: MedusaRequest<EmailVerify>, res: MedusaResponse) {
  res.setHeader("cache-control", "no-store")
  res.json(await verifyEmail(req.scope, req.validatedBody.token))
}
