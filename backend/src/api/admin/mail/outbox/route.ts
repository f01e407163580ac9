import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { listOutbox } from "../../../../lib/mail/outbox"

/**
 * GET /admin/mail/outbox — the admin's "อีเมลที่ส่ง": the .eml files written without SMTP settings (newest first),
 * and how many e-mail notifications are waiting for a retry (failed sends).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const outbox = await listOutbox()
  const [, failed] = await req.scope
    .resolve(Modules.NOTIFICATION)
    .listAndCountNotifications({ channel: "email", status: "failure" } as never, { take: 1 })
  res.json({ smtp: outbox.smtp, messages: outbox.messages, failed })
}
