import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notAllowed } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"
import { actorId, page, validQuery } from "../helpers"
import { certificationResponse } from "../plots/plot-response"
import { type CertificationCreate, CertificationQuery, type Infer } from "../validators"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = await validQuery(req, CertificationQuery)
  const { skip, take, limit, offset } = page(query)
  const { plot_id, valid_on: validOn } = query
  const filters: Record<string, unknown> = {}
  if (plot_id) filters.plot_id = plot_id
  if (validOn) Object.assign(filters, { status: "active", valid_from: { $lte: validOn }, valid_until: { $gte: validOn } })
  const [rows, count] = await traceability(req.scope).listAndCountCertifications(filters, { skip, take, order: { valid_until: "DESC" } })
  res.json({ certifications: rows.map(certificationResponse), count, limit, offset })
}

export async function POST(req: MedusaRequest<Infer<typeof CertificationCreate>>, res: MedusaResponse) {
  const service = traceability(req.scope)
  const body = req.validatedBody
  const [plot] = await service.listPlots({ id: body.plot_id })
  if (!plot) throw notAllowed({ code: "UNKNOWN_PLOT", message: `plot_id ${body.plot_id} is not a plot`, message_th: `ไม่พบแปลงปลูก ${body.plot_id}` })
  const actor = actorId(req)
  const certification = await service.createCertifications({ ...body, created_by: actor, updated_by: actor })
  res.json({ certification: certificationResponse(certification) })
}
