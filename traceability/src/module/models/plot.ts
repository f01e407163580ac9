import { model } from "@medusajs/framework/utils"

/** A plot of one household. Village-level place is public; geometry and coordinates are private. */
export const Plot = model.define("plot", {
  id: model.id({ prefix: "plot" }).primaryKey(),
  code: model.text().unique(),
  household_id: model.text().index(),
  area_rai: model.float().nullable(),
  /** Herb species registered as grown here (HerbSpecies ids). */
  species_ids: model.array(),
  village: model.text(),
  /** The village in English when the storefront's place list has no romanisation (decision 0068). */
  village_en: model.text().nullable(),
  moo: model.text().nullable(),
  tambon: model.text(),
  amphoe: model.text(),
  province: model.text(),
  // private
  geometry: model.json().nullable(),
  lat: model.float().nullable(),
  lng: model.float().nullable(),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})
