import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkHarvest, type Certification, type CertificationSnapshot } from "@mae-mok/traceability"
import { fromCore, notAllowed, notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"

export type RecordHarvestInput = {
  plot_id: string
  species_id: string
  harvested_on: string
  kg: number
  actor_id: string | null
}

export type CheckedHarvest = RecordHarvestInput & { household_id: string; grams: number; certifications: CertificationSnapshot[] }

/** Refuses a harvest unless the species is grown on the plot and a certification was valid that day. */
export const checkHarvestStep = createStep("check-harvest", async (input: RecordHarvestInput, { container }) => {
  const service = traceability(container)
  const [plot] = await service.listPlots({ id: input.plot_id })
  if (!plot) throw notFound({ en: "Plot", th: "แปลงปลูก" }, input.plot_id)
  const [species] = await service.listHerbSpecies({ id: input.species_id })
  if (!species) throw notFound({ en: "Herb species", th: "ชนิดสมุนไพร" }, input.species_id)
  const certs = await service.listCertifications({ plot_id: plot.id })

  const result = checkHarvest({
    plot: { id: plot.id, code: plot.code, speciesIds: plot.species_ids as string[] },
    species: { id: species.id, thaiName: species.thai_name, scientificName: species.scientific_name },
    harvestedOn: input.harvested_on,
    kg: input.kg,
    certifications: certs.map(
      (c): Certification => ({
        id: c.id,
        plotId: c.plot_id,
        scheme: c.scheme,
        certificateNumber: c.certificate_number,
        certifyingBody: c.certifying_body,
        validFrom: c.valid_from,
        validUntil: c.valid_until,
        status: c.status,
      })
    ),
  })
  if (!result.ok) throw notAllowed(fromCore(result))
  const checked: CheckedHarvest = { ...input, household_id: plot.household_id, grams: result.grams, certifications: result.certifications }
  return new StepResponse(checked)
})

