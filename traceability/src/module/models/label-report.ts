import { model } from "@medusajs/framework/utils"

/**
 * A buyer's "suspicious label" report from the provenance page (docs/decisions/0061-label-reports.md): the link
 * they scanned, what they saw, and a way back to them only if they gave one. Read by the group in the admin,
 * never public. The reporter's IP is kept only as a salted hash (for the throttle's sake, like scans).
 */
export const LabelReport = model.define("label_report", {
  id: model.id({ prefix: "lrep" }).primaryKey(),
  gtin: model.text(),
  lot: model.text(),
  serial: model.text().nullable(),
  /** The public batch the link names, when it names one. */
  batch_id: model.text().nullable(),
  reason: model.text(),
  message: model.text(),
  where_bought: model.text().nullable(),
  /** PRIVATE: the reporter's phone or e-mail, for a reply. */
  contact: model.text().nullable(),
  ip_hash: model.text(),
  reported_at: model.dateTime(),
  /** When a member marked it handled (null: still open), who, and what was done. */
  handled_at: model.dateTime().nullable(),
  handled_by: model.text().nullable(),
  handled_note: model.text().nullable(),
})
