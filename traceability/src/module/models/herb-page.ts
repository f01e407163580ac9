import { model } from "@medusajs/framework/utils"

/**
 * The public knowledge page of one herb species (issue 16): names, parts used, traditional uses with their
 * sources, preparation and cautions in Thai and English (Markdown, rendered with a sanitiser), photos and links
 * to the species' Wikidata/Wikipedia pages. Saved only through checkHerbPage (core): no cure claims, a source
 * for every use, no household named without consent.
 */
export const HerbPage = model.define("herb_page", {
  id: model.id({ prefix: "hpg" }).primaryKey(),
  species_id: model.text().unique(),
  slug: model.text().unique(),
  published: model.boolean().default(false),
  name_th: model.text(),
  name_en: model.text(),
  name_local: model.text().nullable(),
  parts_th: model.text(),
  parts_en: model.text(),
  preparation_th: model.text(),
  preparation_en: model.text(),
  cautions_th: model.text(),
  cautions_en: model.text(),
  /** HerbUse[] (core): text in both languages and its source. */
  uses: model.json(),
  /** HerbPhoto[] (core). */
  photos: model.json(),
  wikidata_id: model.text().nullable(),
  wikipedia_url: model.text().nullable(),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})

/** One of the group's recipes (e.g. the Mok Prai oil), printed in the knowledge e-book after the herbs. */
export const HerbRecipe = model.define("herb_recipe", {
  id: model.id({ prefix: "hrc" }).primaryKey(),
  slug: model.text().unique(),
  published: model.boolean().default(false),
  title_th: model.text(),
  title_en: model.text(),
  /** Markdown: ingredients, method, cautions. */
  body_th: model.text(),
  body_en: model.text(),
  /** Where the recipe comes from, in both languages. */
  source_th: model.text(),
  source_en: model.text(),
  position: model.number().default(0),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})
