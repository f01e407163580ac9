import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notAllowed } from "../../../../lib/errors"
import { traceability } from "../../../../lib/traceability/service"
import { actorId, found } from "../../helpers"
import { certificationResponse } from "../../plots/plot-response"
import type { CertificationUpdate, Infer } from "../../validators"

async function load(req: MedusaRequest) {
  const [c] = await traceability(req.scope).listCertifications({ id: req.params.id })
  return found(c, "Certification", req.params.id)
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ certification: certificationResponse(await load(req)) })
}

// Harvests keep a snapshot of the certificates valid when they were recorded, so edits never rewrite history.
export async function POST(req: MedusaRequest<Infer<typeof CertificationUpdate>>, res: MedusaResponse) {
  const c = await load(req)
  const next = { ...c, ...req.validatedBody }
  if (next.valid_from > next.valid_until) throw notAllowed({ code: "INVALID_DATES", message: "valid_from must not be after valid_until", message_th: `วันที่เริ่มต้องไม่อยู่หลังวันหมดอายุ` })
  const service = traceability(req.scope)
  if (req.validatedBody.plot_id && !(await service.listPlots({ id: req.validatedBody.plot_id }))[0]) {
    throw notAllowed({ code: "UNKNOWN_PLOT", message: `plot_id ${req.validatedBody.plot_id} is not a plot`, message_th: `ไม่พบแปลงปลูก ${req.validatedBody.plot_id}` })
  }
  const certification = await service.updateCertifications({ id: c.id, ...req.validatedBody, updated_by: actorId(req) })
  res.json({ certification: certificationResponse(certification) })
}

export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const c = await load(req)
  await traceability(req.scope).deleteCertifications(c.id)
  res.json({ id: c.id, object: "certification", deleted: true })
}
