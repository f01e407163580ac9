import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryFailedMail } from "../../../../lib/mail/retry"

/** POST /admin/mail/retry — "send again now": every failed e-mail, without waiting for its backoff. Answers { tried, sent }. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await retryFailedMail(req.scope, { force: true }))
}
