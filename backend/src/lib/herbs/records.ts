import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  bangkokToday,
  type CertificationScheme,
  type HerbPageInput,
  type HerbPhoto,
  type HerbUse,
  type NamedHousehold,
  type PrivateHerbRecord,
  type PublicHerbPage,
  publicHerbPage,
  TRADITIONAL_KNOWLEDGE_NOTE,
} from "@mae-mok/traceability"
import { householdRecord, type HouseholdRow, plotLocation, speciesRecord } from "../traceability/records"
import { traceability } from "../traceability/service"
import { renderMarkdown } from "./markdown"

type Container = Pick<MedusaContainer, "resolve">

export type HerbPageRow = HerbPageInput & { id: string; species_id: string; published: boolean; updated_at?: Date | string }

/** A herb page row as the core's input (json columns typed). */
export function herbPageInput(row: Record<string, unknown>): HerbPageInput & { published: boolean } {
  return {
    slug: row.slug as string,
    name_th: row.name_th as string,
    name_en: row.name_en as string,
    name_local: (row.name_local as string | null) ?? null,
    parts_th: row.parts_th as string,
    parts_en: row.parts_en as string,
    preparation_th: row.preparation_th as string,
    preparation_en: row.preparation_en as string,
    cautions_th: row.cautions_th as string,
    cautions_en: row.cautions_en as string,
    uses: (Array.isArray(row.uses) ? row.uses : []) as HerbUse[],
    photos: (Array.isArray(row.photos) ? row.photos : []) as HerbPhoto[],
    wikidata_id: (row.wikidata_id as string | null) ?? null,
    wikipedia_url: (row.wikipedia_url as string | null) ?? null,
    published: row.published === true,
  }
}

/** The member households as checkHerbPage needs them (names, consent): never sent anywhere. */
export async function namedHouseholds(container: Container): Promise<NamedHousehold[]> {
  const rows = await traceability(container).listHouseholds({}, { take: 10_000 })
  return rows.map((h) => ({ id: h.id, givenName: h.given_name, givenNameEn: h.given_name_en, givenNameConsent: h.consent_given_name === true, familyName: h.family_name }))
}

/** Published products made from released batches that used this herb. */
async function productsWithSpecies(container: Container, speciesId: string) {
  const service = traceability(container)
  const lots = await service.listHarvestLots({ species_id: speciesId }, { take: 100_000, select: ["id"] })
  if (lots.length === 0) return []
  const inputs = await service.listBatchInputs({ harvest_lot_id: lots.map((l) => l.id) }, { take: 100_000, relations: ["batch"] })
  const batchIds = [...new Set(inputs.filter((i) => i.batch?.status === "released").map((i) => i.batch.id))]
  if (batchIds.length === 0) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "batch",
    fields: ["id", "product_variant.product.id", "product_variant.product.handle", "product_variant.product.title", "product_variant.product.thumbnail", "product_variant.product.metadata", "product_variant.product.status"],
    filters: { id: batchIds },
  })
  const byHandle = new Map<string, { handle: string; title: { th: string; en: string }; thumbnail: string | null }>()
  for (const row of data) {
    const p = row.product_variant?.product
    if (!p || p.status !== "published") continue
    byHandle.set(p.handle, {
      handle: p.handle,
      title: { th: p.title, en: (p.metadata?.title_en as string | undefined) ?? p.title },
      thumbnail: p.thumbnail ?? null,
    })
  }
  return [...byHandle.values()].sort((a, b) => (a.handle < b.handle ? -1 : 1))
}

/** Loads the PRIVATE records behind one herb page, in the shape publicHerbPage takes. Project before answering. */
export async function loadPrivateHerbRecord(container: Container, row: Record<string, unknown>): Promise<PrivateHerbRecord | null> {
  const service = traceability(container)
  const [species] = await service.listHerbSpecies({ id: row.species_id as string })
  if (!species) return null
  const page = herbPageInput(row)
  const allPlots = await service.listPlots({}, { take: 10_000 })
  const plots = allPlots.filter((p) => (p.species_ids as string[] | null)?.includes(species.id))
  const certs = plots.length ? await service.listCertifications({ plot_id: plots.map((p) => p.id) }, { take: 10_000 }) : []
  const healerIds = page.uses.map((u) => u?.source?.household_id).filter((id): id is string => typeof id === "string" && id !== "")
  const householdIds = [...new Set([...plots.map((p) => p.household_id), ...healerIds])]
  const households = householdIds.length ? await service.listHouseholds({ id: householdIds }) : []
  return {
    page,
    species: speciesRecord(species),
    plots: plots.map((p) => ({
      plot: {
        id: p.id,
        code: p.code,
        householdId: p.household_id,
        location: plotLocation(p),
      },
      certifications: certs
        .filter((c) => c.plot_id === p.id)
        .map((c) => ({
          id: c.id,
          plotId: c.plot_id,
          scheme: c.scheme as CertificationScheme,
          certificateNumber: c.certificate_number,
          certifyingBody: c.certifying_body,
          validFrom: c.valid_from,
          validUntil: c.valid_until,
          status: c.status,
        })),
    })),
    households: households.map((h) => householdRecord(h as unknown as HouseholdRow)),
    products: await productsWithSpecies(container, species.id),
    today: bangkokToday(),
  }
}

export type HerbHtml = { preparation: { th: string; en: string }; cautions: { th: string; en: string } }

export type PublicHerbAnswer = { herb: PublicHerbPage; html: HerbHtml; note: typeof TRADITIONAL_KNOWLEDGE_NOTE }

function withHtml(herb: PublicHerbPage): PublicHerbAnswer {
  return {
    herb,
    html: {
      preparation: { th: renderMarkdown(herb.preparation.th), en: renderMarkdown(herb.preparation.en) },
      cautions: { th: renderMarkdown(herb.cautions.th), en: renderMarkdown(herb.cautions.en) },
    },
    note: TRADITIONAL_KNOWLEDGE_NOTE,
  }
}

/** The public herb page of `slug`, or null when there is none or it is not published. */
export async function publicHerb(container: Container, slug: string): Promise<PublicHerbAnswer | null> {
  const [row] = await traceability(container).listHerbPages({ slug, published: true })
  if (!row) return null
  const record = await loadPrivateHerbRecord(container, row as unknown as Record<string, unknown>)
  const herb = record && publicHerbPage(record)
  return herb ? withHtml(herb) : null
}

/** Every published herb page, in Thai name order. */
export async function publicHerbs(container: Container): Promise<PublicHerbAnswer[]> {
  const rows = await traceability(container).listHerbPages({ published: true }, { take: 1000, order: { name_th: "ASC" } })
  const out: PublicHerbAnswer[] = []
  for (const row of rows) {
    const record = await loadPrivateHerbRecord(container, row as unknown as Record<string, unknown>)
    const herb = record && publicHerbPage(record)
    if (herb) out.push(withHtml(herb))
  }
  return out
}

export type PublicRecipe = { slug: string; title: { th: string; en: string }; html: { th: string; en: string }; source: { th: string; en: string } }

/** The group's published recipes (no household data in them: they are checked like herb pages when saved). */
export async function publicRecipes(container: Container): Promise<PublicRecipe[]> {
  const rows = await traceability(container).listHerbRecipes({ published: true }, { take: 1000, order: { position: "ASC" } })
  return rows.map((r) => ({
    slug: r.slug,
    title: { th: r.title_th, en: r.title_en },
    html: { th: renderMarkdown(r.body_th), en: renderMarkdown(r.body_en) },
    source: { th: r.source_th, en: r.source_en },
  }))
}
