import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bangkokToday, type FarmGatePrice, planFarmGatePrice } from "@mae-mok/traceability"
import { fromCore, notAllowed, notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"

export type SetFarmGatePriceInput = {
  species_id: string
  price_per_kg_satang: number
  valid_from: string
  valid_until: string | null
  note: string | null
  actor_id: string | null
}

type Undo = { created: string; closed: { id: string; valid_until: string | null }[] }

/**
 * Adds a farm-gate price (core `planFarmGatePrice`): it cannot start in the past, and it closes the older
 * open price of the species the day before it starts. Compensation reopens what it closed and removes it.
 */
export const setFarmGatePriceStep = createStep(
  "set-farm-gate-price",
  async (input: SetFarmGatePriceInput, { container }) => {
    const service = traceability(container)
    const [species] = await service.listHerbSpecies({ id: input.species_id })
    if (!species) throw notFound({ en: "Herb species", th: "ชนิดสมุนไพร" }, input.species_id)
    const existing = await service.listFarmGatePrices({ species_id: input.species_id })
    const candidateId = `fgp_new`
    const plan = planFarmGatePrice(
      existing.map(
        (p): FarmGatePrice => ({ id: p.id, speciesId: p.species_id, pricePerKgSatang: p.price_per_kg_satang, validFrom: p.valid_from, validUntil: p.valid_until })
      ),
      { id: candidateId, speciesId: input.species_id, pricePerKgSatang: input.price_per_kg_satang, validFrom: input.valid_from, validUntil: input.valid_until },
      bangkokToday()
    )
    if (!plan.ok) throw notAllowed(fromCore(plan))
    const closed = plan.close.map((c) => ({ id: c.id, valid_until: existing.find((p) => p.id === c.id)?.valid_until ?? null }))
    for (const c of plan.close) await service.updateFarmGatePrices({ id: c.id, valid_until: c.validUntil, updated_by: input.actor_id })
    const created = await service.createFarmGatePrices({
      species_id: input.species_id,
      price_per_kg_satang: input.price_per_kg_satang,
      valid_from: input.valid_from,
      valid_until: input.valid_until,
      note: input.note,
      created_by: input.actor_id,
      updated_by: input.actor_id,
    })
    return new StepResponse(created, { created: created.id, closed } satisfies Undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = traceability(container)
    for (const c of undo.closed) await service.updateFarmGatePrices({ id: c.id, valid_until: c.valid_until })
    await service.deleteFarmGatePrices(undo.created)
  }
)
