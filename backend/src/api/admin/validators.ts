import { z } from "@medusajs/framework/zod"
import { BATCH_STATUSES, CERTIFICATION_SCHEMES, isCalendarDate, LABEL_LAYOUT_IDS } from "@mae-mok/traceability"
import { parseCursor } from "../../lib/fulfilment/trace-cursor"
import { HOUSEHOLD_PRIVATE_FIELDS } from "../../lib/auth/household-private"


// Request bodies of the admin traceability API (docs/api/admin-traceability.md). Strict: an unknown
// field is refused rather than silently dropped.

// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses an unpaired UTF-16 surrogate (text would
// silently get U+FFFD). Refusing both here names the field instead of failing or changing it in the database.
const NOT_CLEAN = "must be valid text: no NUL character (U+0000) and no unpaired surrogate"
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const isCleanText = (s: string) => !s.includes("\u0000") && !LONE_SURROGATE.test(s)
/** A refusal message that starts with the field's path (Medusa shows custom messages as they are). */
const named = (message: string | ((input: unknown) => string)) => ({
  error: (issue: { path?: PropertyKey[]; input?: unknown }) =>
    `${(issue.path ?? []).map(String).join(".") || "body"} ${typeof message === "string" ? message : message(issue.input)}`,
})
const CLEAN_TEXT = named(NOT_CLEAN)
const text = (max = 200) => z.string().trim().min(1).max(max).refine(isCleanText, CLEAN_TEXT)
const MAX_JSON_DEPTH = 32
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"])
/** What jsonb (or copying the value) would choke on, walking without recursion: depth, NUL or unpaired surrogates, prototype keys. */
function jsonProblem(root: unknown): string | null {
  const stack: [unknown, number][] = [[root, 0]]
  while (stack.length) {
    const [value, depth] = stack.pop()!
    if (typeof value === "string" && !isCleanText(value)) return NOT_CLEAN
    if (!value || typeof value !== "object") continue
    if (depth >= MAX_JSON_DEPTH) return `must not be nested deeper than ${MAX_JSON_DEPTH} levels`
    for (const [k, v] of Object.entries(value)) {
      if (!isCleanText(k)) return NOT_CLEAN
      if (PROTOTYPE_KEYS.has(k)) return "must not use the keys __proto__, constructor or prototype"
      stack.push([v, depth + 1])
    }
  }
  return null
}
/** Free-form JSON (GeoJSON, TPMAP data) as jsonb stores it. */
const json = () => z.record(z.string(), z.unknown()).refine((v) => !jsonProblem(v), named((input) => jsonProblem(input) ?? "is not valid"))
const date = (field: string) => z.string().refine(isCalendarDate, { message: `${field} must be a date YYYY-MM-DD` })
const kg = z.number().min(0.001, "kg must be at least 0.001 (one gram)").max(100_000).refine((n) => Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6, {
  message: "kg must have at most 3 decimal places (grams)",
})

/** Thai national ID: 13 digits, the last a mod-11 check digit. */
export function isThaiNationalId(id: string): boolean {
  if (!/^\d{13}$/.test(id)) return false
  const sum = [...id.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (13 - i), 0)
  return (11 - (sum % 11)) % 10 === Number(id[12])
}

/** An optional English version of a public text (decision 0068): empty or null clears it. */
const english = (max = 200) => z.union([text(max), z.string().trim().length(0).transform(() => null)]).nullable()
export const SpeciesCreate = z
  .object({ thai_name: text(), scientific_name: text(), part_used: text(), english_name: english(), part_used_en: english() })
  .partial({ english_name: true, part_used_en: true })
  .strict()
export const SpeciesUpdate = SpeciesCreate.partial().strict()

const Consent = z.object({ given_name: z.boolean(), photo: z.boolean(), story: z.boolean() }).strict()
const HouseholdPrivate = z
  .object({
    family_name: text().nullable(),
    poverty_tier: text().nullable(),
    poverty_status: text(500).nullable(),
    national_id: z.string().refine(isThaiNationalId, { message: "national_id must be a 13-digit Thai national ID with a valid check digit" }).nullable(),
    phone: z.string().regex(/^0\d{8,9}$/, "phone must be 9-10 digits starting with 0").nullable(),
    income_thb_per_year: z.number().int().min(0).max(100_000_000, "income_thb_per_year must be at most 100 000 000").nullable(),
    address: text(500).nullable(),
    tpmap_data: json().nullable(),
  })
  .partial()
  .strict()

const householdFields = {
  code: z.string().regex(/^[A-Z]{2}-H-\d{3,4}$/, "code must look like MM-H-017"),
  alias: text(),
  alias_en: english(),
  village: text(),
  village_en: english(),
  moo: z.string().regex(/^\d{1,2}$/, "moo must be the village number").nullable(),
  tambon: text(),
  amphoe: text(),
  province: text(),
  members_count: z.number().int().min(1).max(50).nullable(),
  given_name: text().nullable(),
  given_name_en: english(),
  // Photos are uploaded (POST /admin/households/:id/photo) and served only with consent, never linked.
  photo_url: z.unknown().refine((v) => v === undefined, named("is no longer accepted: upload the photo (JPEG or PNG) with POST /admin/households/:id/photo")),
  story: text(2000).nullable(),
  story_en: english(2000),
  consent: Consent,
  private: HouseholdPrivate,
  /** The household agrees to an alias that contains its given name (decision 0020). */
  confirm_alias_contains_name: z.boolean(),
}
export const HouseholdCreate = z
  .object(householdFields)
  .partial({ moo: true, members_count: true, given_name: true, photo_url: true, story: true, consent: true, private: true, confirm_alias_contains_name: true, alias_en: true, village_en: true, given_name_en: true, story_en: true })
  .strict()
export const HouseholdUpdate = z.object(householdFields).partial().strict()

/** Coordinates are stored as PostgreSQL real: 7 decimal places (about 1 cm) is all they can mean. */
const coordinate = (field: string, limit: number) =>
  z
    .number()
    .min(-limit)
    .max(limit)
    .refine((n) => Number(n.toFixed(7)) === n, `${field} must have at most 7 decimal places`)
const PlotPrivate = z
  .object({
    lat: coordinate("lat", 90).nullable(),
    lng: coordinate("lng", 180).nullable(),
    geometry: json().nullable(),
  })
  .partial()
  .strict()
const plotFields = {
  code: z.string().regex(/^[A-Z]{2}-P-\d{3,4}$/, "code must look like MM-P-0171"),
  household_id: text(),
  area_rai: z.number().min(0.0001, "area_rai must be at least 0.0001 rai").max(10_000).nullable(),
  species_ids: z.array(text()).max(50),
  village: text(),
  village_en: english(),
  moo: z.string().regex(/^\d{1,2}$/, "moo must be the village number").nullable(),
  tambon: text(),
  amphoe: text(),
  province: text(),
  private: PlotPrivate,
}
export const PlotCreate = z.object(plotFields).partial({ area_rai: true, moo: true, private: true, village_en: true }).strict()
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
/** A correction (issue 15): the fields that change, and why (required, for the audit trail). */
export const HarvestCorrect = z
  .object({ plot_id: text().optional(), species_id: text().optional(), harvested_on: date("harvested_on").optional(), kg: kg.optional(), reason: text(1000) })
  .strict()
  .refine((c) => c.plot_id !== undefined || c.species_id !== undefined || c.harvested_on !== undefined || c.kg !== undefined, {
    message: "a correction must change plot_id, species_id, harvested_on or kg",
  })
export const HarvestVoid = z.object({ reason: text(1000) }).strict()

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

/**
 * POST /admin/promptpay/release-unpaid and /admin/manual-payments/release-unpaid: without older_than_minutes,
 * the method's own setting applies (PROMPTPAY_UNPAID_TTL_MINUTES, MANUAL_PAYMENT_UNPAID_TTL_MINUTES).
 */
const minutesMessage = "older_than_minutes must be a positive number of minutes (at most ten years)"
export const UnpaidRelease = z
  .object({ older_than_minutes: z.number({ error: minutesMessage }).positive(minutesMessage).max(10 * 525_600, minutesMessage).optional() })
  .strict()

// Query strings of the list and read routes. Strict: an unknown parameter is refused, not ignored. An empty
// value (an HTML form's empty <select>) means "no filter".

const blankIsAbsent = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional())
const wholeNumber = (field: string, min: number, max: number) => {
  const message = `${field} must be a whole number from ${min} to ${max}`
  return blankIsAbsent(z.string({ error: message }).regex(/^\d{1,9}$/, message).transform(Number).refine((n) => n >= min && n <= max, message))
}
// (A NUL in a URL is refused before any route: lib/http/refuse-nul-in-url.ts.)
const idFilter = (field: string) => blankIsAbsent(z.string({ error: `${field} must be one id` }).max(200))
const dateFilter = (field: string) => blankIsAbsent(z.string({ error: `${field} must be one date YYYY-MM-DD` }).refine(isCalendarDate, `${field} must be a date YYYY-MM-DD`))
const listQuery = { limit: wholeNumber("limit", 1, 500), offset: wholeNumber("offset", 0, 1_000_000_000) }

export const SpeciesQuery = z.object(listQuery).strict()
export const HouseholdQuery = z.object({ ...listQuery, q: blankIsAbsent(z.string({ error: "q must be one search text" }).max(200)) }).strict()
export const PlotQuery = z.object({ ...listQuery, household_id: idFilter("household_id") }).strict()
export const CertificationQuery = z.object({ ...listQuery, plot_id: idFilter("plot_id"), valid_on: dateFilter("valid_on") }).strict()
export const HarvestQuery = z
  .object({ ...listQuery, plot_id: idFilter("plot_id"), species_id: idFilter("species_id"), available: blankIsAbsent(z.enum(["true", "false"], { error: "available must be true or false" })) })
  .strict()
export const BatchQuery = z
  .object({ ...listQuery, status: blankIsAbsent(z.enum(BATCH_STATUSES, { error: `status must be one of ${BATCH_STATUSES.join(", ")}` })), variant_id: idFilter("variant_id") })
  .strict()
export const SuspiciousScansQuery = z.object({ since: dateFilter("since") }).strict()
export const QrPngQuery = z.object({ size: wholeNumber("size", 64, 1024) }).strict()
const serialFilter = z.string({ error: "unit must be a label serial" }).max(64)
export const LabelsQuery = z
  .object({
    unit: blankIsAbsent(z.union([serialFilter, z.array(serialFilter).max(1000)], { error: "unit must be label serials" })),
    layout: blankIsAbsent(z.enum(LABEL_LAYOUT_IDS, { error: `layout must be one of ${LABEL_LAYOUT_IDS.join(", ")}` })),
    format: blankIsAbsent(z.enum(["html", "pdf"], { error: "format must be html or pdf" })),
  })
  .strict()

export type Infer<T extends z.ZodType> = z.infer<T>

// --- household money (issue 13) ---
const satang = (field: string) => z.number().int(`${field} must be whole satang`).positive(`${field} must be more than 0`).max(Number.MAX_SAFE_INTEGER)
const optionalText = (max = 500) => text(max).nullable().optional()

export const FarmGatePriceCreate = z
  .object({
    species_id: text(),
    price_per_kg_satang: satang("price_per_kg_satang").max(100_000_000),
    valid_from: date("valid_from"),
    valid_until: date("valid_until").nullable().optional(),
    note: optionalText(),
  })
  .strict()

export const ShareRuleCreate = z
  .object({
    product_id: text().nullable(),
    basis_points: z.number().int("basis_points must be a whole number").min(0).max(10_000),
    valid_from: date("valid_from"),
    valid_until: date("valid_until").nullable().optional(),
    note: optionalText(),
  })
  .strict()

export const RuleEnd = z.object({ last_day: date("last_day") }).strict()

export const PAYMENT_METHOD_VALUES = ["cash", "bank_transfer", "promptpay"] as const

export const HouseholdPayment = z
  .object({
    amount_satang: satang("amount_satang"),
    method: z.enum(PAYMENT_METHOD_VALUES),
    paid_on: date("paid_on"),
    receipt_number: optionalText(40),
    paid_by_name: optionalText(200),
  })
  .strict()

export const PayoutRunCreate = z
  .object({
    as_of: date("as_of"),
    method: z.enum(PAYMENT_METHOD_VALUES),
    paid_on: date("paid_on"),
    paid_by_name: optionalText(200),
    /** The households and amounts the member saw on the run's page (each must still be owed at least that). */
    payments: z.array(z.object({ household_id: text(), amount_satang: satang("amount_satang") }).strict()).min(1).max(1000),
  })
  .strict()

export const HouseholdAccess = z.object({ allowed: z.boolean() }).strict()
export const HouseholdReveal = z
  .object({ field: z.enum(HOUSEHOLD_PRIVATE_FIELDS, { error: `field must be one of ${HOUSEHOLD_PRIVATE_FIELDS.join(", ")}` }) })
  .strict()

export const MonthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM") }).strict()
export const ImpactQuery = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM").optional(),
    year: z.coerce.number().int().min(2000).max(2200).optional(),
    poverty_line: z.coerce.number().min(0).max(10_000_000).optional(),
  })
  .strict()
  .refine((q) => (q.month === undefined) !== (q.year === undefined), { message: "give either month or year" })
export const AsOfQuery = z.object({ as_of: date("as_of").optional() }).strict()

/** POST /admin/orders/:id/packing/scans: what the camera, the keyboard scanner or the packer's typing gave. */
export const PackScan = z.object({ code: text(500) }).strict()
/** POST /admin/orders/:id/packing/fulfil: `fill` allocates FIFO the units nobody scanned. */
export const PackFulfil = z.object({ fill: z.boolean().default(false) }).strict()
/** POST /admin/orders/:id/packing/unpack: a fulfilment to cancel, or (without one) the scans not yet fulfilled. */
export const PackUnpack = z.object({ fulfillment_id: text(100).optional() }).strict()
/** POST /admin/orders/:id/packing/tracking: the Thailand Post number of a fulfilment (checked by the core). */
export const PackTracking = z.object({ fulfillment_id: text(100), tracking_number: text(60) }).strict()
/** GET /admin/batches/:id/orders: keyset pages of the forward trace, or the whole list as CSV. */
export const TracePage = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  after: z.string().max(400).refine((s) => parseCursor(s) !== null, { message: "after must be the `next` cursor of the previous page" }).optional(),
  format: z.enum(["json", "csv"]).optional(),
}).strict()
// --- herb pages (issue 16; docs/decisions/0045-herb-pages.md). The rules (sources, cure claims, consent) are
// the core's checkHerbPage; these only shape the body.
const markdown = (max = 20_000) => z.string().max(max).refine(isCleanText, CLEAN_TEXT)
const HerbUseBody = z
  .object({
    th: text(1000),
    en: text(1000),
    source: z
      .object({
        kind: z.enum(["healer", "book", "study", "group"], { error: "source.kind must be healer, book, study or group" }),
        citation_th: text(500),
        citation_en: text(500),
        household_id: text(60).nullable().optional(),
      })
      .strict(),
  })
  .strict()
const HerbPhotoBody = z.object({ url: text(500), alt_th: text(300), alt_en: text(300) }).strict()
export const HerbPageCreate = z
  .object({
    species_id: text(60),
    slug: text(60),
    published: z.boolean().default(false),
    name_th: text(),
    name_en: text(),
    name_local: text().nullable().default(null),
    parts_th: text(500),
    parts_en: text(500),
    preparation_th: markdown(),
    preparation_en: markdown(),
    cautions_th: markdown(),
    cautions_en: markdown(),
    uses: z.array(HerbUseBody).max(50).default([]),
    photos: z.array(HerbPhotoBody).max(20).default([]),
    wikidata_id: text(20).nullable().default(null),
    wikipedia_url: text(500).nullable().default(null),
  })
  .strict()
export const HerbPageUpdate = HerbPageCreate.omit({ species_id: true }).strict()

export const HerbRecipeCreate = z
  .object({
    slug: text(60),
    published: z.boolean().default(false),
    title_th: text(),
    title_en: text(),
    body_th: markdown(),
    body_en: markdown(),
    source_th: text(500),
    source_en: text(500),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict()
export const HerbRecipeUpdate = HerbRecipeCreate

// --- product videos (issue 16); checkProductVideos (core) decides which files are allowed.
const VideoBody = z
  .object({
    url: text(500),
    /** As stored (the core derives it from the file's extension again). */
    type: z.enum(["video/mp4", "video/webm"]).optional(),
    poster: text(500),
    captions: z.object({ th: text(500), en: text(500) }).strict(),
    title: z.object({ th: text(120), en: text(120) }).strict(),
  })
  .strict()
export const ProductVideos = z.object({ videos: z.array(VideoBody).max(3) }).strict()

/** POST /admin/label-reports/:id: a buyer's report marked handled, with what the group did (decision 0061). */
export const LabelReportHandle = z.object({ note: text(2000) }).strict()
