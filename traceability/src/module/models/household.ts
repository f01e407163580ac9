import { model } from "@medusajs/framework/utils"

/**
 * A grower household. Public: alias and village-level place. Given name, photo and story are public
 * only with the matching consent flag. Everything under "private" never leaves the admin API.
 */
export const Household = model.define("household", {
  id: model.id({ prefix: "hh" }).primaryKey(),
  code: model.text().unique(),
  alias: model.text(),
  /** English versions of the public texts (decision 0068): optional; the storefront falls back to the Thai. */
  alias_en: model.text().nullable(),
  village: model.text(),
  village_en: model.text().nullable(),
  moo: model.text().nullable(),
  tambon: model.text(),
  amphoe: model.text(),
  province: model.text(),
  members_count: model.number().nullable(),
  consent_given_name: model.boolean().default(false),
  consent_photo: model.boolean().default(false),
  consent_story: model.boolean().default(false),
  consent_recorded_at: model.dateTime().nullable(),
  consent_recorded_by: model.text().nullable(),
  given_name: model.text().nullable(),
  /** Romanised given name: public only under the same consent as given_name. */
  given_name_en: model.text().nullable(),
  /**
   * Random file name of its photo (household_photo, a plain table holding the bytes), served only while the
   * photo consent holds, at /household-photos/{photo_file}; renamed when that consent is withdrawn.
   */
  photo_file: model.text().nullable(),
  story: model.text().nullable(),
  /** Public only under the same consent as story. */
  story_en: model.text().nullable(),
  // private
  family_name: model.text().nullable(),
  poverty_tier: model.text().nullable(),
  poverty_status: model.text().nullable(),
  national_id: model.text().nullable(),
  phone: model.text().nullable(),
  income_thb_per_year: model.number().nullable(),
  address: model.text().nullable(),
  tpmap_data: model.json().nullable(),
  created_by: model.text().nullable(),
  updated_by: model.text().nullable(),
})
