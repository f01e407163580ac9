import { model } from "@medusajs/framework/utils"

/**
 * One reveal of one household private field to one admin user (PDPA accountability, issue 15): who, when,
 * which household, which field. Append-only; the store owner reads the list.
 */
export const PrivateDataReveal = model.define("private_data_reveal", {
  id: model.id({ prefix: "rvl" }).primaryKey(),
  household_id: model.text().index(),
  field: model.text(),
  user_id: model.text(),
  revealed_at: model.dateTime(),
})
