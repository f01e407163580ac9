import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notAllowed } from "../../../../../lib/errors"
import { mailRecallNotices } from "../../../../../lib/mail/recall"
import { traceability } from "../../../../../lib/traceability/service"
import { found } from "../../../helpers"

// POST /admin/batches/:id/recall-notices — tell the recalled batch's buyers again, now. The recall itself sends
// them (subscribers/recall-notice-mail.ts); this is for an event lost to a crash between the recall and the mail
// (the local event bus keeps nothing). Each buyer is mailed at most once per batch, so a second press sends
// nothing new. Answers { buyers }: how many buyers the batch has.
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const [batch] = await traceability(req.scope).listBatches({ id: req.params.id }, { select: ["id", "status"] })
  found(batch, "Batch", req.params.id)
  if (batch!.status !== "recalled") {
    throw notAllowed({ code: "NOT_RECALLED", message: "Only a recalled batch has recall notices", message_th: "ล็อตนี้ยังไม่ได้ถูกเรียกคืน จึงไม่มีการแจ้งเรียกคืน" })
  }
  res.json({ buyers: await mailRecallNotices(req.scope, batch!.id) })
}
