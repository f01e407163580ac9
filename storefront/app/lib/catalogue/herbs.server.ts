import type { PublicHerbPage } from "@mae-mok/traceability"
import type { Locale } from "~/i18n"
import { localePath } from "~/i18n"
import { createSwrCache } from "../render/cache.server"
import { config } from "../config.server"
import { contentStamp } from "../render/content-version.server"
import { mediaUrl } from "../medusa/media.server"

// Client of the backend's herb knowledge API (/store/herbs, /store/knowledge). Herb pages are the same for
// everyone and change rarely: cached under the content stamp like the catalogue.

export type HerbHtml = { preparation: { th: string; en: string }; cautions: { th: string; en: string } }
export type HerbAnswer = { herb: PublicHerbPage; html: HerbHtml; note: { th: string; en: string } }
export type HerbSummary = { slug: string; names: PublicHerbPage["names"]; photo: PublicHerbPage["photos"][number] | null; products: string[] }
export type Recipe = { slug: string; title: { th: string; en: string }; html: { th: string; en: string }; source: { th: string; en: string } }

const cache = createSwrCache({ freshMs: config.catalogueFreshMs, maxAgeMs: config.catalogueMaxAgeMs, maxEntries: 200, maxBytes: 8 * 1024 * 1024, ...contentStamp })

async function get<T>(path: string): Promise<{ status: number; body: T | null }> {
  const res = await fetch(`${config.medusaUrl}/store${path}`, {
    headers: { "x-publishable-api-key": config.publishableKey, accept: "application/json" },
  })
  if (res.status !== 200 && res.status !== 404) throw new Error(`herbs: backend answered ${res.status} for ${path}`)
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as T) : null }
}

function withMedia(herb: PublicHerbPage): PublicHerbPage {
  return {
    ...herb,
    photos: herb.photos.map((p) => ({ ...p, url: mediaUrl(p.url) ?? p.url })),
    products: herb.products.map((p) => ({ ...p, thumbnail: mediaUrl(p.thumbnail) })),
  }
}

/** One published herb page, or null. */
export async function getHerb(slug: string): Promise<HerbAnswer | null> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 60) return null
  const answer = await cache.get(`herb:${slug}`, async () => (await get<HerbAnswer>(`/herbs/${slug}`)).body, (v) => v !== null)
  return answer ? { ...answer, herb: withMedia(answer.herb) } : null
}

/** Every published herb in short. */
export async function listHerbs(): Promise<HerbSummary[]> {
  const answer = await cache.get("herbs", async () => (await get<{ herbs: HerbSummary[] }>("/herbs")).body)
  return answer?.herbs ?? []
}

/** Links to the herb pages by scientific name (for product and provenance pages). */
export async function herbHrefs(locale: Locale): Promise<Record<string, string>> {
  const herbs = await listHerbs().catch((err) => {
    console.error("herbs: list unavailable", err)
    return []
  })
  return Object.fromEntries(herbs.map((h) => [h.names.scientific, localePath(locale, `/herbs/${h.slug}`)]))
}

/** The whole knowledge book. */
export async function getKnowledge(): Promise<{ herbs: HerbAnswer[]; recipes: Recipe[]; note: { th: string; en: string } }> {
  const answer = await cache.get("knowledge", async () => (await get<{ herbs: HerbAnswer[]; recipes: Recipe[]; note: { th: string; en: string } }>("/knowledge")).body)
  if (!answer) throw new Error("herbs: knowledge unavailable")
  return { ...answer, herbs: answer.herbs.map((h) => ({ ...h, herb: withMedia(h.herb) })) }
}

/** The e-book PDF as the backend prints it (a Response to pass on). */
export function knowledgePdf(locale: Locale): Promise<Response> {
  return fetch(`${config.medusaUrl}/store/knowledge/pdf?lang=${locale}`, { headers: { "x-publishable-api-key": config.publishableKey } })
}
