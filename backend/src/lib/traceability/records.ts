import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  bangkokToday,
  buildDigitalLink,
  gramsToKg,
  type CoarseLocation,
  type HouseholdRecord,
  isValidGtin,
  type PrivateBatchRecord,
  publicProjection,
  shareRuleOn,
  type SpeciesRecord,
  toGtin14,
} from "@mae-mok/traceability"
import { readEnv } from "../env"
import { traceability } from "./service"

type Container = Pick<MedusaContainer, "resolve">

export type BatchVariant = {
  id: string
  title: string | null
  sku: string | null
  barcode: string | null
  gtin14: string | null
  product: { id: string; title: string; title_en: string | null } | null
  /** The variant's THB price (VAT included), satang; null without one. */
  price_satang: number | null
}

function thbSatang(prices: ({ amount: unknown; currency_code: string } | null)[] | undefined): number | null {
  const thb = (prices ?? []).filter((p) => p && p.currency_code?.toLowerCase() === "thb").map((p) => Math.round(Number(p!.amount) * 100))
  const valid = thb.filter((n) => Number.isSafeInteger(n) && n > 0)
  return valid.length ? Math.min(...valid) : null
}

/** The variant (with product) each batch is linked to, by batch id. */
export async function variantsOfBatches(container: Container, batchIds: string[]): Promise<Map<string, BatchVariant>> {
  const result = new Map<string, BatchVariant>()
  if (batchIds.length === 0) return result
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "batch",
    fields: [
      "id",
      "product_variant.id",
      "product_variant.title",
      "product_variant.sku",
      "product_variant.barcode",
      "product_variant.metadata",
      "product_variant.product.id",
      "product_variant.product.title",
      "product_variant.product.metadata",
      "product_variant.prices.amount",
      "product_variant.prices.currency_code",
    ],
    filters: { id: batchIds },
  })
  for (const row of data) {
    const v = row.product_variant
    if (!v) continue
    const barcode = v.barcode ?? null
    result.set(row.id, {
      id: v.id,
      title: v.title,
      sku: v.sku,
      barcode,
      gtin14: barcode && isValidGtin(barcode) ? toGtin14(barcode) : null,
      product: v.product
        ? { id: v.product.id, title: v.product.title, title_en: (v.product.metadata?.title_en as string | undefined) ?? null }
        : null,
      price_satang: thbSatang((v as { prices?: ({ amount: unknown; currency_code: string } | null)[] }).prices),
    })
  }
  return result
}

/** The QR content of one unit: the GS1 Digital Link on the shop's origin (null without a GTIN). */
export function unitUrl(storefrontUrl: string, gtin14: string | null, lot: string, serial: string): string | null {
  return gtin14 ? buildDigitalLink(storefrontUrl, { gtin: gtin14, lot, serial }) : null
}

/**
 * Loads the full PRIVATE records of one batch, in the shape the core's publicProjection takes.
 * Never return this from a public route: project it first.
 */
export async function loadPrivateBatchRecord(container: Container, batchId: string): Promise<PrivateBatchRecord | null> {
  const service = traceability(container)
  const [batch] = await service.listBatches({ id: batchId }, { relations: ["inputs", "units"] })
  if (!batch) return null
  const variant = (await variantsOfBatches(container, [batch.id])).get(batch.id)
  if (!variant?.product) return null

  const lotIds = [...new Set(batch.inputs.map((i) => i.harvest_lot_id))]
  const lots = lotIds.length ? await service.listHarvestLots({ id: lotIds }) : []
  const plotIds = [...new Set(lots.map((l) => l.plot_id))]
  const plots = plotIds.length ? await service.listPlots({ id: plotIds }) : []
  const householdIds = [...new Set([...lots.map((l) => l.household_id), ...plots.map((p) => p.household_id)])]
  const households = householdIds.length ? await service.listHouseholds({ id: householdIds }) : []
  const speciesIds = [...new Set(lots.map((l) => l.species_id))]
  const species = speciesIds.length ? await service.listHerbSpecies({ id: speciesIds }) : []
  const lotById = new Map(lots.map((l) => [l.id, l]))
  const rules = await service.listShareRules({})
  const rule = shareRuleOn(
    rules.map((r) => ({ id: r.id, productId: r.product_id, basisPoints: r.basis_points, validFrom: r.valid_from, validUntil: r.valid_until })),
    variant.product.id,
    bangkokToday()
  )

  return {
    share: { priceSatang: variant.price_satang, basisPoints: rule?.basisPoints ?? null },
    product: {
      title: { th: variant.product.title, en: variant.product.title_en ?? variant.product.title },
      variantTitle: variant.title ?? "",
      gtin: variant.gtin14,
    },
    batch: {
      lotNumber: batch.lot_number,
      producedOn: batch.produced_on,
      bestBefore: batch.best_before,
      status: batch.status,
      units: batch.units_planned,
      recallReason: batch.status === "recalled" ? batch.status_reason : null,
      recalledAt: batch.recalled_at ? new Date(batch.recalled_at).toISOString() : null,
      releasedAt: batch.released_at ? new Date(batch.released_at).toISOString() : null,
    },
    inputs: batch.inputs.map((input) => {
      const hl = lotById.get(input.harvest_lot_id)!
      return {
        kgUsed: gramsToKg(input.grams_used),
        harvestLot: {
          id: hl.id,
          plotId: hl.plot_id,
          householdId: hl.household_id,
          speciesId: hl.species_id,
          harvestedOn: hl.harvested_on,
          kgHarvested: gramsToKg(hl.grams_harvested),
          certifications: hl.certifications ?? [],
        },
      }
    }),
    plots: plots.map((p) => ({
      id: p.id,
      code: p.code,
      householdId: p.household_id,
      areaRai: p.area_rai,
      location: plotLocation(p),
      geometry: p.geometry,
      lat: p.lat,
      lng: p.lng,
    })),
    households: households.map(householdRecord),
    species: species.map(speciesRecord),
  }
}

/** A plot row's village-level place as the core's CoarseLocation (English village included: decision 0068). */
export function plotLocation(p: { village: string; village_en?: string | null; moo: string | null; tambon: string; amphoe: string; province: string }): CoarseLocation {
  return { village: p.village, villageEn: p.village_en ?? null, moo: p.moo, tambon: p.tambon, amphoe: p.amphoe, province: p.province }
}

/** A herb species row as the core's SpeciesRecord. */
export function speciesRecord(s: { id: string; thai_name: string; scientific_name: string; part_used: string; english_name?: string | null; part_used_en?: string | null }): SpeciesRecord {
  return { id: s.id, thaiName: s.thai_name, scientificName: s.scientific_name, partUsed: s.part_used, englishName: s.english_name ?? null, partUsedEn: s.part_used_en ?? null }
}

/**
 * Where a household photo is served (backend/src/api/household-photos): on MEDUSA_BACKEND_URL, under its
 * random file name. The route itself answers only while the photo consent holds.
 */
let backendUrl: string | undefined
export function householdPhotoUrl(file: string | null): string | null {
  backendUrl ??= readEnv().backendUrl
  return file ? `${backendUrl}/household-photos/${file}` : null
}

export type HouseholdRow = {
  id: string
  code: string
  alias: string
  alias_en?: string | null
  village: string
  village_en?: string | null
  moo: string | null
  tambon: string
  amphoe: string
  province: string
  consent_given_name: boolean
  consent_photo: boolean
  consent_story: boolean
  given_name: string | null
  given_name_en?: string | null
  photo_file: string | null
  story: string | null
  story_en?: string | null
  members_count?: number | null
  family_name?: string | null
  poverty_tier?: string | null
  poverty_status?: string | null
  national_id?: string | null
  phone?: string | null
  income_thb_per_year?: number | null
  tpmap_data?: unknown
  address?: string | null
}

/** A household row as the core's (private) HouseholdRecord. */
export function householdRecord(h: HouseholdRow): HouseholdRecord {
  return {
    id: h.id,
    code: h.code,
    alias: h.alias,
    aliasEn: h.alias_en ?? null,
    village: h.village,
    villageEn: h.village_en ?? null,
    moo: h.moo,
    tambon: h.tambon,
    amphoe: h.amphoe,
    province: h.province,
    membersCount: h.members_count,
    consent: { givenName: h.consent_given_name, photo: h.consent_photo, story: h.consent_story },
    givenName: h.given_name,
    givenNameEn: h.given_name_en ?? null,
    photoUrl: householdPhotoUrl(h.photo_file),
    story: h.story,
    storyEn: h.story_en ?? null,
    familyName: h.family_name,
    povertyTier: h.poverty_tier,
    povertyStatus: h.poverty_status,
    nationalId: h.national_id,
    phone: h.phone,
    income: h.income_thb_per_year,
    tpmapData: h.tpmap_data,
    address: h.address,
  }
}

/**
 * What the public pages show of one household, computed by THE public projection on a one-line
 * stand-in batch, so the admin's preview can never disagree with the provenance page.
 */
export function householdPublicPreview(h: HouseholdRow) {
  const projected = publicProjection({
    product: { title: { th: "-", en: "-" }, variantTitle: "", gtin: null },
    batch: { lotNumber: "PREVIEW", producedOn: "2000-01-01", bestBefore: null, status: "released" },
    plots: [{ id: "p", code: "preview", householdId: h.id, location: { village: h.village, villageEn: h.village_en, tambon: h.tambon, amphoe: h.amphoe, province: h.province } }],
    species: [{ id: "s", thaiName: "-", scientificName: "-", partUsed: "-" }],
    households: [householdRecord(h)],
    inputs: [
      { kgUsed: 1, harvestLot: { id: "hl", plotId: "p", householdId: h.id, speciesId: "s", harvestedOn: "2000-01-01", kgHarvested: 1, certifications: [] } },
    ],
  })
  const { alias, aliasEn, givenName, givenNameEn, photoUrl, story, storyEn, place } = projected.households[0]!
  return { alias, alias_en: aliasEn, given_name: givenName, given_name_en: givenNameEn, photo_url: photoUrl, story, story_en: storyEn, place }
}
