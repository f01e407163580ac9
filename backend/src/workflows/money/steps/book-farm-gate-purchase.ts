import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { farmGatePurchaseEntry, type LedgerEntry } from "@mae-mok/traceability"
import { farmGatePriceFor } from "../../../lib/money/farm-gate-price"
import { traceability } from "../../../lib/traceability/service"
import { refusing } from "../refusal"

export type FarmGatePurchaseInput = {
  harvest_lot_id: string
  household_id: string
  species_id: string
  harvested_on: string
  grams: number
  actor_id: string | null
}

export type FarmGatePurchase = { price_id: string; price_per_kg_satang: number; satang: number } | null

/**
 * The group buys a recorded harvest lot: grams × the committee's price for the herb on the harvest day,
 * owed to the household (ledger key farm_gate_purchase:<harvest lot>). No price set for that day → nothing
 * is booked (the harvest form says so). Compensation removes the entry it booked.
 */
export const bookFarmGatePurchaseStep = createStep(
  "book-farm-gate-purchase",
  async (input: FarmGatePurchaseInput, { container }) => {
    const service = traceability(container)
    const price = await farmGatePriceFor(service, input.species_id, input.harvested_on)
    if (!price) return new StepResponse<FarmGatePurchase, string[]>(null, [])
    const entry: LedgerEntry = farmGatePurchaseEntry({
      harvestLotId: input.harvest_lot_id,
      householdId: input.household_id,
      grams: input.grams,
      pricePerKgSatang: price.pricePerKgSatang,
      priceId: price.id,
      bookedAt: new Date(),
      bookedBy: input.actor_id,
    })
    const { booked } = await refusing(() => service.bookLedgerEntries([entry]))
    return new StepResponse<FarmGatePurchase, string[]>(
      { price_id: price.id, price_per_kg_satang: price.pricePerKgSatang, satang: entry.satang },
      booked.map((e) => e.idempotencyKey)
    )
  },
  async (keys, { container }) => {
    if (keys?.length) await traceability(container).removeLedgerEntriesForCompensation(keys)
  }
)
