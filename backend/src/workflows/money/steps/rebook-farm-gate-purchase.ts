import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { harvestRebookEntries } from "@mae-mok/traceability"
import { farmGatePriceFor } from "../../../lib/money/farm-gate-price"
import { traceability } from "../../../lib/traceability/service"
import { refusing } from "../refusal"

export type RebookInput = {
  harvest_lot_id: string
  /** The correction's id, or "void". */
  correction_id: string
  /** The lot after a correction (its purchase is booked again at the price of its harvest day); null for a void. */
  lot: { household_id: string; species_id: string; harvested_on: string; grams: number } | null
  actor_id: string | null
}

export type Rebooking = { reversed_satang: number; purchase: { price_id: string; price_per_kg_satang: number; satang: number } | null }

/**
 * A corrected or voided harvest lot in the append-only ledger (decision 0067): the purchase that stands is
 * reversed, and a corrected lot is bought again at the price valid on its (new) harvest day. Compensation
 * removes the entries it booked.
 */
export const rebookFarmGatePurchaseStep = createStep(
  "rebook-farm-gate-purchase",
  async (input: RebookInput, { container }) => {
    const service = traceability(container)
    const price = input.lot ? await farmGatePriceFor(service, input.lot.species_id, input.lot.harvested_on) : null
    const entries = harvestRebookEntries({
      harvestLotId: input.harvest_lot_id,
      correctionId: input.correction_id,
      entries: await service.listLedger({ harvest_lot_id: input.harvest_lot_id }),
      purchase:
        input.lot && price
          ? { householdId: input.lot.household_id, grams: input.lot.grams, pricePerKgSatang: price.pricePerKgSatang, priceId: price.id }
          : null,
      bookedAt: new Date(),
      bookedBy: input.actor_id,
    })
    const { booked } = await refusing(() => service.bookLedgerEntries(entries))
    const purchase = entries.find((e) => e.kind === "farm_gate_purchase")
    const rebooking: Rebooking = {
      reversed_satang: entries.filter((e) => e.kind === "reversal").reduce((sum, e) => sum + e.satang, 0),
      purchase: purchase && price ? { price_id: price.id, price_per_kg_satang: price.pricePerKgSatang, satang: purchase.satang } : null,
    }
    return new StepResponse(rebooking, booked.map((e) => e.idempotencyKey))
  },
  async (keys, { container }) => {
    if (keys?.length) await traceability(container).removeLedgerEntriesForCompensation(keys)
  }
)
