import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { mailExpiringCertificates } from "../../../../lib/mail/certificates"

/** POST /admin/mail/group-checks — the daily check now: certificates near expiry mailed to the group. Answers { certificates }. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ certificates: await mailExpiringCertificates(req.scope) })
}
