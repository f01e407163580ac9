import { model } from "@medusajs/framework/utils"
import type { CertificationSnapshot } from "../../core/certification"

/**
 * Herb harvested from one plot on one day. Weights are integer grams; grams_used is the running
 * total taken by batches, changed only under a row lock (see the service's consumeHarvest).
 */
export const HarvestLot = model.define("harvest_lot", {
  id: model.id({ prefix: "hl" }).primaryKey(),
  plot_id: model.text().index(),
  household_id: model.text().index(),
  species_id: model.text().index(),
  harvested_on: model.text(),
  grams_harvested: model.number(),
  grams_used: model.number().default(0),
  /** The plot's certifications valid on the harvest date (public fields only). */
  certifications: model.json<CertificationSnapshot[]>(),
  created_by: model.text().nullable(),
  /** A voided lot (recorded by mistake) stays for the audit trail but no batch can use it (decision 0067). */
  voided_at: model.dateTime().nullable(),
  voided_by: model.text().nullable(),
  void_reason: model.text().nullable(),
})
