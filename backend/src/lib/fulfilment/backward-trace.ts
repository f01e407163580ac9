import type { MedusaContainer } from "@medusajs/framework/types"
import { traceability } from "../traceability/service"

type Container = Pick<MedusaContainer, "resolve">

export type TracedUnit = { serial: string; order_id: string | null; method: "scanned" | "fifo" | null }

/**
 * Backward trace (issue 12, admin only): units → their batch → the harvest lots it used → the plots and the
 * households that grew them. Households by code and alias only: their private fields stay behind the household
 * page's own rules, so this answer is safe for any admin user.
 */
export async function backwardTrace(container: Container, units: { batch_id: string; unit: TracedUnit }[]) {
  const service = traceability(container)
  const batchIds = [...new Set(units.map((u) => u.batch_id))]
  if (batchIds.length === 0) return { batches: [] }
  const batches = await service.listBatches({ id: batchIds }, { relations: ["inputs"] })
  const lotIds = [...new Set(batches.flatMap((b) => b.inputs.map((i) => i.harvest_lot_id)))]
  const lots = lotIds.length ? await service.listHarvestLots({ id: lotIds }) : []
  const plotIds = [...new Set(lots.map((l) => l.plot_id))]
  const plots = plotIds.length ? await service.listPlots({ id: plotIds }, { select: ["id", "code", "village", "household_id"] }) : []
  const householdIds = [...new Set([...lots.map((l) => l.household_id), ...plots.map((p) => p.household_id)])]
  const households = householdIds.length ? await service.listHouseholds({ id: householdIds }, { select: ["id", "code", "alias"] }) : []
  const speciesIds = [...new Set(lots.map((l) => l.species_id))]
  const species = speciesIds.length ? await service.listHerbSpecies({ id: speciesIds }, { select: ["id", "thai_name", "scientific_name"] }) : []
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]))
  const [lotOf, plotOf, householdOf, speciesOf] = [byId(lots), byId(plots), byId(households), byId(species)]
  const household = (id: string) => {
    const h = householdOf.get(id)
    return h ? { id: h.id, code: h.code, alias: h.alias } : null
  }
  return {
    batches: batches
      .sort((a, b) => a.lot_number.localeCompare(b.lot_number))
      .map((b) => ({
        batch_id: b.id,
        lot_number: b.lot_number,
        status: b.status,
        produced_on: b.produced_on,
        units: units.filter((u) => u.batch_id === b.id).map((u) => u.unit),
        harvest_lots: b.inputs.map((input) => {
          const lot = lotOf.get(input.harvest_lot_id)
          const plot = lot ? plotOf.get(lot.plot_id) : undefined
          const herb = lot ? speciesOf.get(lot.species_id) : undefined
          return {
            harvest_lot_id: input.harvest_lot_id,
            grams_used: Number(input.grams_used),
            harvested_on: lot?.harvested_on ?? null,
            herb: herb ? { thai_name: herb.thai_name, scientific_name: herb.scientific_name } : null,
            plot: plot ? { id: plot.id, code: plot.code, village: plot.village } : null,
            household: lot ? household(lot.household_id) : null,
          }
        }),
      })),
  }
}
