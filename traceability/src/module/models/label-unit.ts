import { model } from "@medusajs/framework/utils"
import { Batch } from "./batch"

/** One printed label (bottle / compress ball) with its random serial. */
export const LabelUnit = model.define("label_unit", {
  id: model.id({ prefix: "lu" }).primaryKey(),
  serial: model.text().unique(),
  batch: model.belongsTo(() => Batch, { mappedBy: "units" }),
  printed_at: model.dateTime().nullable(),
  first_scan_at: model.dateTime().nullable(),
  /** Every view of its provenance page (statistics). */
  scan_count: model.number().default(0),
  /**
   * Different networks that opened it (rows of label_unit_network, a plain table: only the scan path's SQL
   * writes it); what the verdict judges (docs/decisions/0018-scan-verdict-counts-networks.md).
   */
  network_count: model.number().default(0),
})
