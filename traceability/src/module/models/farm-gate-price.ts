import { model } from "@medusajs/framework/utils"

/**
 * The committee's farm-gate price of one herb species, satang per kg, valid over Bangkok calendar days
 * (both ends included; valid_until null = until further notice). Never deleted: a newer price closes the
 * older one (core price-rules.ts `planFarmGatePrice`), so the history stays readable.
 */
export const FarmGatePrice = model.define("farm_gate_price", {
  id: model.id({ prefix: "fgp" }).primaryKey(),
  species_id: model.text().index(),
  price_per_kg_satang: model.number(),
  valid_from: model.text(),
  valid_until: model.text().nullable(),
  note: model.text().nullable(),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})
