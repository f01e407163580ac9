import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readOutboxMessage } from "../../../../../lib/mail/outbox"

/** GET /admin/mail/outbox/:file — one outbox message (subject, to, HTML, text). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ message: await readOutboxMessage(String(req.params.file)) })
}
