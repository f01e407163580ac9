import { z } from "@medusajs/framework/zod"
import { CERTIFICATION_SCHEMES, isCalendarDate } from "@mae-mok/traceability"

// Request bodies of the admin traceability API (docs/api/admin-traceability.md). Strict: an unknown
// field is refused rather than silently dropped.

const text = (max = 200) => z.string().trim().min(1).max(max)
const date = (field: string) => z.string().refine(isCalendarDate, { message: `${field} must be a date YYYY-MM-DD` })
const kg = z.number().positive().max(100_000).refine((n) => Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6, {
  message: "kg must have at most 3 decimal places (grams)",
})

/** Thai national ID: 13 digits, the last a mod-11 check digit. */
export function isThaiNationalId(id: string): boolean {
  if (!/^\d{13}$/.test(id)) return false
  const sum = [...id.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (13 - i), 0)
  return (11 - (sum % 11)) % 10 === Number(id[12])
}

export const SpeciesCreate = z.object({ thai_name: text(), scientific_name: text(), part_used: text() }).strict()
export const SpeciesUpdate = SpeciesCreate.partial().strict()

const Consent = z.object({ given_name: z.boolean(), photo: z.boolean(), story: z.boolean() }).strict()
const HouseholdPrivate = z
  .object({
    family_name: text().nullable(),
    poverty_tier: text().nullable(),
    poverty_status: text(500).nullable(),
    national_id: z.string().refine(isThaiNationalId, { message: "national_id must be a 13-digit Thai national ID with a valid check digit" }).nullable(),
    phone: z.string().regex(/^0\d{8,9}$/, "phone must be 9-10 digits starting with 0").nullable(),
    income_thb_per_year: z.number().int().min(0).nullable(),
    address: text(500).nullable(),
    tpmap_data: z.record(z.string(), z.unknown()).nullable(),
  })
  .partial()
  .strict()

const householdFields = {
  code: z.string().regex(/^[A-Z]{2}-H-\d{3,4}$/, "code must look like MM-H-017"),
  alias: text(),
  village: text(),
  moo: z.string().regex(/^\d{1,2}$/, "moo must be the village number").nullable(),
  tambon: text(),
  amphoe: text(),
  province: text(),
  members_count: z.number().int().min(1).max(50).nullable(),
  given_name: text().nullable(),
  photo_url: z.string().regex(/^https?:\/\/\S+$/, "photo_url must be an http(s) URL").nullable(),
  story: text(2000).nullable(),
  consent: Consent,
  private: HouseholdPrivate,
}
export const HouseholdCreate = z
  .object(householdFields)
  .partial({ moo: true, members_count: true, given_name: true, photo_url: true, story: true, consent: true, private: true })
  .strict()
export const HouseholdUpdate = z.object(householdFields).partial().strict()

const PlotPrivate = z
  .object({
    lat: z.number().min(-90).max(90).nullable(),
    lng: z.number().min(-180).max(180).nullable(),
    geometry: z.record(z.string(), z.unknown()).nullable(),
  })
  .partial()
  .strict()
const plotFields = {
  code: z.string().regex(/^[A-Z]{2}-P-\d{3,4}$/, "code must look like MM-P-0171"),
  household_id: text(),
  area_rai: z.number().positive().max(10_000).nullable(),
  species_ids: z.array(text()).max(50),
  village: text(),
  moo: z.string().regex(/^\d{1,2}$/, "moo must be the village number").nullable(),
  tambon: text(),
  amphoe: text(),
  province: text(),
  private: PlotPrivate,
}
export const PlotCreate = z.object(plotFields).partial({ area_rai: true, moo: true, private: true }).strict()
export const PlotUpdate = z.object(plotFields).partial().strict()

const certFields = {
  plot_id: text(),
  scheme: z.enum(CERTIFICATION_SCHEMES),
  certificate_number: text(),
  certifying_body: text(),
  valid_from: date("valid_from"),
  valid_until: date("valid_until"),
  status: z.enum(["active", "suspended", "revoked"]),
}
export const CertificationCreate = z
  .object(certFields)
  .partial({ status: true })
  .strict()
  .refine((c) => c.valid_from <= c.valid_until, { message: "valid_from must not be after valid_until", path: ["valid_until"] })
export const CertificationUpdate = z.object(certFields).partial().strict()

export const HarvestCreate = z.object({ plot_id: text(), species_id: text(), harvested_on: date("harvested_on"), kg }).strict()

export const BatchCreate = z
  .object({
    variant_id: text(),
    produced_on: date("produced_on"),
    best_before: date("best_before").nullable().optional(),
    units_planned: z.number().int().min(1).max(1_000_000),
    inputs: z.array(z.object({ harvest_lot_id: text(), kg }).strict()).min(1).max(200),
    issue_units: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
  .refine((b) => !b.best_before || b.best_before > b.produced_on, { message: "best_before must be after produced_on", path: ["best_before"] })

export const BatchRelease = z.object({}).strict()
export const BatchReason = z.object({ reason: text(1000) }).strict()
export const IssueUnits = z.object({ count: z.number().int().min(1).max(1000) }).strict()

export type Infer<T extends z.ZodType> = z.infer<T>
