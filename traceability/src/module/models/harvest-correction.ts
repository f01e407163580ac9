import { model } from "@medusajs/framework/utils"

/** One field of a correction: what it was and what it became. */
export type HarvestChange = { before: string | number; after: string | number }

/**
 * The audit trail of a harvest lot (issue 15, decision 0067): each correction a group member made while no
 * batch used the lot — who, when, which fields before → after, and why. Rows are never changed.
 */
export const HarvestCorrection = model.define("harvest_correction", {
  id: model.id({ prefix: "hlc" }).primaryKey(),
  harvest_lot_id: model.text().index(),
  changes: model.json<Record<string, HarvestChange>>(),
  reason: model.text(),
  created_by: model.text().nullable(),
})
