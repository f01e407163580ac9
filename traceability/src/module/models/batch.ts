import { model } from "@medusajs/framework/utils"
import { BATCH_STATUSES } from "../../core/public-projection"
import { BatchInput } from "./batch-input"
import { LabelUnit } from "./label-unit"

/** A production batch (one lot number) of one product variant (module link batch ↔ variant). */
export const Batch = model.define("batch", {
  id: model.id({ prefix: "batch" }).primaryKey(),
  lot_number: model.text().unique(),
  produced_on: model.text(),
  best_before: model.text().nullable(),
  units_planned: model.number(),
  status: model.enum([...BATCH_STATUSES]).default("draft"),
  status_reason: model.text().nullable(),
  released_at: model.dateTime().nullable(),
  recalled_at: model.dateTime().nullable(),
  inputs: model.hasMany(() => BatchInput, { mappedBy: "batch" }),
  units: model.hasMany(() => LabelUnit, { mappedBy: "batch" }),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})
