import { model } from "@medusajs/framework/utils"

/** A herb the group grows, e.g. เถาเอ็นอ่อน (Cryptolepis dubia). */
export const HerbSpecies = model.define("herb_species", {
  id: model.id({ prefix: "hsp" }).primaryKey(),
  thai_name: model.text(),
  scientific_name: model.text().unique(),
  part_used: model.text(),
  /** English name and part used for the English pages (decision 0068); optional. */
  english_name: model.text().nullable(),
  part_used_en: model.text().nullable(),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})
