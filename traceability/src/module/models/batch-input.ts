import { model } from "@medusajs/framework/utils"
import { Batch } from "./batch"

/** Grams of one harvest lot that went into a batch. */
export const BatchInput = model.define("batch_input", {
  id: model.id({ prefix: "bin" }).primaryKey(),
  batch: model.belongsTo(() => Batch, { mappedBy: "inputs" }),
  harvest_lot_id: model.text().index(),
  grams_used: model.number(),
})
