import { type CalendarDate, type FarmGatePrice, farmGatePriceOn } from "@mae-mok/traceability"
import type { TraceabilityModuleService } from "@mae-mok/traceability/module"

/** The committee's farm-gate price for a herb on a day (null when none was set for that day). */
export async function farmGatePriceFor(service: TraceabilityModuleService, speciesId: string, day: CalendarDate): Promise<FarmGatePrice | null> {
  const prices = await service.listFarmGatePrices({ species_id: speciesId })
  return farmGatePriceOn(
    prices.map((p) => ({ id: p.id, speciesId: p.species_id, pricePerKgSatang: p.price_per_kg_satang, validFrom: p.valid_from, validUntil: p.valid_until })),
    speciesId,
    day
  )
}
