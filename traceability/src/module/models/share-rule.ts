import { model } from "@medusajs/framework/utils"

/**
 * The share of a sold unit's net revenue (ex VAT, after discounts) that goes back to the grower households
 * of its batch, in basis points, for one product (product_id) or for all products (null). Validity like
 * FarmGatePrice; never deleted (core price-rules.ts `planShareRule`).
 */
export const ShareRule = model.define("share_rule", {
  id: model.id({ prefix: "shr" }).primaryKey(),
  product_id: model.text().index().nullable(),
  basis_points: model.number(),
  valid_from: model.text(),
  valid_until: model.text().nullable(),
  note: model.text().nullable(),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})
