import type { MedusaRequest } from "@medusajs/framework/http"
import { notAllowed } from "../../../lib/errors"
import { bangkokToday, daysBetween, isCertificationValidOn, type Certification } from "@mae-mok/traceability"
import { traceability } from "../../../lib/traceability/service"
import type { Infer, PlotCreate, PlotUpdate } from "../validators"

type CertRow = { id: string; plot_id: string; scheme: Certification["scheme"]; certificate_number: string; certifying_body: string; valid_from: string; valid_until: string; status: Certification["status"] }

/** A certification with whether it is valid today and how many days it has left. */
export function certificationResponse<C extends CertRow>(c: C) {
  const today = bangkokToday()
  const valid_today = isCertificationValidOn(
    { id: c.id, plotId: c.plot_id, scheme: c.scheme, certificateNumber: c.certificate_number, certifyingBody: c.certifying_body, validFrom: c.valid_from, validUntil: c.valid_until, status: c.status },
    today
  )
  return { ...c, valid_today, expires_in_days: valid_today ? daysBetween(today, c.valid_until) : null }
}

/** The household and every species must exist before a plot may point at them. */
export async function plotColumns(req: MedusaRequest, body: Infer<typeof PlotCreate> | Infer<typeof PlotUpdate>) {
  const service = traceability(req.scope)
  if (body.household_id) {
    const [h] = await service.listHouseholds({ id: body.household_id })
    if (!h) throw notAllowed({ code: "UNKNOWN_HOUSEHOLD", message: `household_id ${body.household_id} is not a household`, message_th: `ไม่พบครัวเรือน ${body.household_id}` })
  }
  if (body.species_ids?.length) {
    const ids = [...new Set(body.species_ids)]
    const species = await service.listHerbSpecies({ id: ids })
    const missing = ids.filter((id) => !species.some((s) => s.id === id))
    if (missing.length) throw notAllowed({ code: "UNKNOWN_SPECIES", message: `species_ids has unknown herb species: ${missing.join(", ")}`, message_th: `ไม่พบชนิดสมุนไพร: ${missing.join(", ")}` })
  }
  const { private: priv, ...plain } = body
  return { ...plain, ...(priv ?? {}) }
}

type PlotRow = Record<string, unknown> & { id: string; lat?: unknown; lng?: unknown; geometry?: unknown }

export function plotResponse(p: PlotRow, certs: CertRow[]) {
  const { lat, lng, geometry, ...rest } = p
  return { ...rest, private: { lat, lng, geometry }, certifications: certs.filter((c) => c.plot_id === p.id).map(certificationResponse) }
}
