import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkHarvest, type Certification, type CertificationSnapshot } from "@mae-mok/traceability"
import { bookFarmGatePurchaseStep } from "../money/steps/book-farm-gate-purchase"
import { traceability } from "./service"

export type RecordHarvestInput = {
  plot_id: string
  species_id: string
  harvested_on: string
  kg: number
  actor_id: string | null
}

type CheckedHarvest = RecordHarvestInput & { household_id: string; grams: number; certifications: CertificationSnapshot[] }

/** Refuses a harvest unless the species is grown on the plot and a certification was valid that day. */
const checkHarvestStep = createStep("check-harvest", async (input: RecordHarvestInput, { container }) => {
  const service = traceability(container)
  const [plot] = await service.listPlots({ id: input.plot_id })
  if (!plot) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Plot ${input.plot_id} was not found`)
  const [species] = await service.listHerbSpecies({ id: input.species_id })
  if (!species) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Herb species ${input.species_id} was not found`)
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
  if (!result.ok) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${result.message_en} (${result.message_th})`, result.code)
  }
  const checked: CheckedHarvest = { ...input, household_id: plot.household_id, grams: result.grams, certifications: result.certifications }
  return new StepResponse(checked)
})

const createHarvestLotStep = createStep(
  "create-harvest-lot",
  async (input: CheckedHarvest, { container }) => {
    const lot = await traceability(container).createHarvestLots({
      plot_id: input.plot_id,
      household_id: input.household_id,
      species_id: input.species_id,
      harvested_on: input.harvested_on,
      grams_harvested: input.grams,
      grams_used: 0,
      certifications: input.certifications,
      created_by: input.actor_id,
    })
    return new StepResponse(lot, lot.id)
  },
  async (id, { container }) => {
    if (id) await traceability(container).deleteHarvestLots(id)
  }
)

/**
 * Records a harvest lot with a snapshot of the certifications valid on the harvest date, and books its
 * farm-gate purchase at the price valid that day (issue 13).
 */
export const recordHarvestWorkflow = createWorkflow("record-harvest", (input: RecordHarvestInput) => {
  const checked = checkHarvestStep(input)
  const lot = createHarvestLotStep(checked)
  const purchaseInput = transform({ lot, checked }, ({ lot, checked }) => ({
    harvest_lot_id: lot.id,
    household_id: checked.household_id,
    species_id: checked.species_id,
    harvested_on: checked.harvested_on,
    grams: checked.grams,
    actor_id: checked.actor_id,
  }))
  const purchase = bookFarmGatePurchaseStep(purchaseInput)
  return new WorkflowResponse({ lot, purchase })
})
