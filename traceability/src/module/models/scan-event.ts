import { model } from "@medusajs/framework/utils"

/** One public scan. Only a salted hash of the IP is kept, never the IP itself. */
export const ScanEvent = model.define("scan_event", {
  id: model.id({ prefix: "scan" }).primaryKey(),
  gtin: model.text(),
  lot: model.text(),
  serial: model.text().index(),
  label_unit_id: model.text().nullable(),
  ip_hash: model.text(),
  verdict: model.text(),
  scanned_at: model.dateTime(),
})
