// Shapes of the admin traceability API (docs/api/admin-traceability.md).

export type Audit = { created_by: string | null; updated_by?: string | null; created_at: string; updated_at?: string }

export type HerbSpecies = Audit & { id: string; thai_name: string; scientific_name: string; part_used: string; english_name?: string | null; part_used_en?: string | null }

export type Consent = {
  given_name: boolean
  photo: boolean
  story: boolean
  recorded_at: string | null
  recorded_by: string | null
}

/** As the API answers them: "•••" when stored (revealed one by one, logged), null when empty. */
export type HouseholdPrivate = {
  family_name?: string | null
  poverty_tier?: string | null
  poverty_status?: string | null
  national_id?: string | null
  phone?: string | null
  income_thb_per_year?: number | string | null
  address?: string | null
}

/** What a buyer sees of the household on a provenance page. */
export type HouseholdPreview = {
  alias: string
  alias_en?: string | null
  given_name: string | null
  given_name_en?: string | null
  photo_url: string | null
  story: string | null
  story_en?: string | null
  place: { village: string; moo?: string | number | null; tambon: string; amphoe: string; province: string }
}

export type Household = Audit & {
  id: string
  code: string
  alias: string
  /** English versions of the public texts (decision 0068): optional. */
  alias_en?: string | null
  village: string
  village_en?: string | null
  moo: string | null
  tambon: string
  amphoe: string
  province: string
  members_count: number | null
  given_name: string | null
  given_name_en?: string | null
  /** Where the photo is served (only while the photo consent holds); upload with POST …/photo. */
  photo_url: string | null
  story: string | null
  story_en?: string | null
  consent: Consent
  private?: HouseholdPrivate
  /** The asking user may reveal private values (granted "may see household private data"). */
  may_reveal?: boolean
  public_preview?: HouseholdPreview
  warnings?: { code: string; message: string; message_th: string }[]
}

export type CertificationScheme = "TH-GAP" | "PGS" | "ORGANIC"
export type CertificationStatus = "active" | "suspended" | "revoked"

export type Certification = Audit & {
  id: string
  plot_id: string
  scheme: CertificationScheme
  certificate_number: string
  certifying_body: string
  valid_from: string
  valid_until: string
  status: CertificationStatus
  valid_today: boolean
  expires_in_days: number | null
}

export type Plot = Audit & {
  id: string
  code: string
  household_id: string
  area_rai: number | null
  species_ids: string[]
  village: string
  village_en?: string | null
  moo: string | null
  tambon: string
  amphoe: string
  province: string
  certifications: Certification[]
}

export type CertificationSnapshot = { scheme: string; certificateNumber?: string; validUntil?: string }

export type Harvest = {
  id: string
  plot_id: string
  plot_code: string
  household_id: string
  species_id: string
  harvested_on: string
  kg_harvested: number
  kg_used: number
  kg_left: number
  certifications: CertificationSnapshot[]
  /** The farm-gate purchase booked with it (answer of POST only); null without a price that day. */
  purchase?: { price_id: string; price_per_kg_satang: number; satang: number } | null
  created_by: string | null
  created_at: string
  /** Set when the lot was voided (decision 0067): it stays listed, marked, and no batch can use it. */
  voided_at: string | null
  voided_by: string | null
  void_reason: string | null
  /** Corrections made while no batch used the lot, oldest first; weights in kg. */
  corrections: HarvestCorrection[]
}

export type HarvestCorrection = {
  id: string
  changes: Partial<Record<"plot_id" | "species_id" | "harvested_on" | "kg", { before: string | number; after: string | number }>>
  reason: string
  created_by: string | null
  created_at: string
}

import type { BatchStatus } from "@mae-mok/traceability"
export type { BatchStatus }

export type LabelUnit = {
  id: string
  serial: string
  url: string
  printed_at: string | null
  first_scan_at: string | null
  scan_count: number
}

export type Batch = Audit & {
  id: string
  lot_number: string
  status: BatchStatus
  status_reason: string | null
  produced_on: string
  best_before: string | null
  units_planned: number
  released_at: string | null
  recalled_at: string | null
  variant: {
    id: string
    title: string
    sku: string | null
    barcode: string | null
    product: { id: string; title: string }
  } | null
  inputs: { harvest_lot_id: string; plot_code: string; species_id: string; harvested_on: string; kg: number }[]
  units: LabelUnit[]
}

/** One unit of a batch in a buyer's order (GET /admin/batches/:id/orders): the backend's own type. */
export type { TraceRow as ForwardTraceRow } from "../../lib/fulfilment/forward-trace"

export type BatchScans = {
  lot_number: string
  total: number
  by_day: { day: string; scans: number; first_scans: number }[]
  by_verdict: { first_scan: number; repeat_scan: number; lot_mismatch: number }
  units_scanned: number
  units_total: number
}

export type SuspiciousCode = { gtin: string; lot: string; serial: string; scans: number; last_scan_at: string }

export type SuspiciousScans = {
  unknown_serials: SuspiciousCode[]
  lot_mismatches: SuspiciousCode[]
  over_scanned: { serial: string; lot_number: string; scan_count: number; network_count: number; first_scan_at: string | null }[]
}

export type ProductVariantOption = {
  id: string
  title: string
  sku: string | null
  barcode: string | null
  product?: { title: string }
}

/** A buyer's "suspicious label" report (GET /admin/label-reports); `contact` is for the group only. */
export type LabelReport = {
  id: string
  reported_at: string
  gtin: string
  lot: string
  serial: string | null
  batch_id: string | null
  reason: string
  message: string
  where_bought: string | null
  contact: string | null
  unit_scan_count: number | null
  unit_network_count: number | null
  handled_at: string | null
  handled_by: string | null
  handled_note: string | null
}
