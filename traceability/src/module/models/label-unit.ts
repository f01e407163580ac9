import { model } from "@medusajs/framework/utils"
import { Batch } from "./batch"

/** One printed label (bottle / compress ball) with its random serial. */
export const LabelUnit = model.define("label_unit", {
  id: model.id({ prefix: "lu" }).primaryKey(),
  serial: model.text().unique(),
  batch: model.belongsTo(() => Batch, { mappedBy: "units" }),
  printed_at: model.dateTime().nullable(),
  first_scan_at: model.dateTime().nullable(),
  scan_count: model.number().default(0),
})
