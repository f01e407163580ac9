import { model } from "@medusajs/framework/utils"

/** A certificate of one plot. Dates are calendar dates "YYYY-MM-DD" (see core calendar-date.ts). */
export const Certification = model.define("certification", {
  id: model.id({ prefix: "cert" }).primaryKey(),
  plot_id: model.text().index(),
  scheme: model.enum(["TH-GAP", "PGS", "ORGANIC"]),
  certificate_number: model.text(),
  certifying_body: model.text(),
  valid_from: model.text(),
  valid_until: model.text(),
  status: model.enum(["active", "suspended", "revoked"]).default("active"),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})
