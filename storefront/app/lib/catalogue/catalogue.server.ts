import type { HttpTypes } from "@medusajs/types"
import type { Locale } from "~/i18n"
import { createSwrCache } from "../render/cache.server"
import { config } from "../config.server"
import { contentStamp } from "../render/content-version.server"
import { mediaUrl } from "../medusa/media.server"
import { sdk } from "../medusa/medusa.server"

// Catalogue data only: the same for every visitor, so it may be cached (see cache.server.ts).
const cache = createSwrCache({ freshMs: config.catalogueFreshMs, maxAgeMs: config.catalogueMaxAgeMs, maxBytes: 48 * 1024 * 1024, ...contentStamp })

export type VariantView = {
  id: string
  title: string
  sku: string | null
  gtin: string | null
  /** Baht, VAT included. */
  price: number | null
  /** null when stock is not tracked (always available). */
  stock: number | null
  available: boolean
}

export type ProductView = {
  id: string
  handle: string
  title: string
  subtitle: string | null
  description: string | null
  thumbnail: string | null
  images: string[]
  typeId: string | null
  typeName: string | null
  optionTitle: string | null
  priceFrom: number | null
  variants: VariantView[]
  updatedAt: string | null
  /** Short clips (issue 16): loaded only when the visitor asks (components/product-videos.tsx). */
  videos: VideoView[]
}

export type VideoView = { url: string; type: string; poster: string; captions: { th: string; en: string }; title: string }

/** metadata.videos as the backend's checkProductVideos stored them; captions go through the shop's /captions route. */
function videosOf(p: HttpTypes.StoreProduct, locale: Locale): VideoView[] {
  const list = (p.metadata as { videos?: unknown } | null)?.videos
  if (!Array.isArray(list)) return []
  return list.flatMap((v: Record<string, any>) => {
    const name = (url: unknown) => (typeof url === "string" ? /\/static\/([A-Za-z0-9._-]+\.vtt)$/.exec(url)?.[1] ?? null : null)
    const th = name(v?.captions?.th)
    const en = name(v?.captions?.en)
    const url = mediaUrl(typeof v?.url === "string" ? v.url : null)
    const poster = mediaUrl(typeof v?.poster === "string" ? v.poster : null)
    if (!url || !poster || !th || !en) return []
    return [{ url, type: v.type === "video/mp4" ? "video/mp4" : "video/webm", poster, captions: { th: `/captions/${th}`, en: `/captions/${en}` }, title: String(v?.title?.[locale] ?? "") }]
  })
}

export type ProductTypeView = { id: string; value: string; label: string }

function meta(record: { metadata?: Record<string, unknown> | null } | null | undefined, key: string): string | null {
  const value = record?.metadata?.[key]
  return typeof value === "string" && value.trim() !== "" ? value : null
}

/** Thai from Medusa's own fields, English from metadata.*_en, falling back to Thai (decision 0003). */
function pick(locale: Locale, thai: string | null | undefined, english: string | null): string | null {
  return locale === "en" ? english ?? thai ?? null : thai ?? null
}

export async function thaiRegion(): Promise<HttpTypes.StoreRegion> {
  return cache.get("region", async () => {
    const { regions } = await sdk.store.region.list({ limit: 50 })
    const region = regions.find((r) => r.currency_code === "thb") ?? regions[0]
    if (!region) throw new Response("The shop has no region configured yet", { status: 503 })
    return region
  })
}

async function rawProductTypes(): Promise<HttpTypes.StoreProductType[]> {
  return cache.get("product-types", async () => {
    // The Store API has no product-type list in 2.21, so the types come from the products that use them.
    const products = await rawProducts()
    const byId = new Map<string, HttpTypes.StoreProductType>()
    for (const p of products) if (p.type) byId.set(p.type.id, p.type)
    return [...byId.values()]
  })
}

const PRODUCT_FIELDS =
  "id,handle,title,subtitle,description,thumbnail,metadata,updated_at,*type,*images,*options,*variants,*variants.calculated_price,+variants.inventory_quantity,+variants.manage_inventory,+variants.allow_backorder,+variants.barcode,+variants.sku,+variants.metadata,+variants.variant_rank"
// Medusa's page size for the whole catalogue: a shop of 500 products loads in 5 requests (run side by side).
const PRODUCT_PAGE = 100

/** Every published product of the shop's channel, in as many pages as it takes. */
async function rawProducts(): Promise<HttpTypes.StoreProduct[]> {
  const region = await thaiRegion()
  return cache.get(`products:${region.id}`, async () => {
    const page = (offset: number) =>
      sdk.store.product.list({ region_id: region.id, limit: PRODUCT_PAGE, offset, fields: PRODUCT_FIELDS })
    const first = await page(0)
    const offsets: number[] = []
    for (let offset = PRODUCT_PAGE; offset < first.count; offset += PRODUCT_PAGE) offsets.push(offset)
    const rest = await Promise.all(offsets.map(page))
    return [first, ...rest].flatMap((r) => r.products)
  })
}

/** The catalogue by handle, worked out once per load of the catalogue. */
const byHandle = new WeakMap<HttpTypes.StoreProduct[], Map<string, HttpTypes.StoreProduct>>()

/**
 * One product by handle, from the whole catalogue: Medusa prices a page of 100 products in about the time it
 * takes for one (measured 0.4–0.6 s against 0.3 s on a busy machine), so the 500 product pages of a large shop
 * wait for 5 requests, not 500, after a start or a change. A handle the catalogue lacks (past its pages while
 * it changed, or none) is asked for on its own, cached on its own (null too, under the content stamp: a new
 * product changes the stamp).
 */
async function rawProduct(handle: string): Promise<HttpTypes.StoreProduct | null> {
  // A handle is letters, digits and dashes; anything else is not asked for (nor cached).
  if (!/^[\p{L}\p{M}\p{N}_-]{1,200}$/u.test(handle)) return null
  const all = await rawProducts()
  let handles = byHandle.get(all)
  if (!handles) byHandle.set(all, (handles = new Map(all.map((p) => [p.handle ?? p.id, p]))))
  const listed = handles.get(handle)
  if (listed) return listed
  const region = await thaiRegion()
  return cache.get(`product:${region.id}:${handle}`, async () => {
    const { products } = await sdk.store.product.list({ region_id: region.id, handle, limit: 1, fields: PRODUCT_FIELDS })
    return products[0] ?? null
  })
}

/** The admin's variant order (variant_rank), then cheapest first: Medusa returns variants in no fixed order. */
function orderedVariants(p: HttpTypes.StoreProduct): HttpTypes.StoreProductVariant[] {
  const rank = (v: HttpTypes.StoreProductVariant) => v.variant_rank ?? Number.POSITIVE_INFINITY
  const price = (v: HttpTypes.StoreProductVariant) => v.calculated_price?.calculated_amount ?? Number.POSITIVE_INFINITY
  return [...(p.variants ?? [])].sort((a, b) => rank(a) - rank(b) || price(a) - price(b))
}

function toView(p: HttpTypes.StoreProduct, locale: Locale): ProductView {
  const variants: VariantView[] = orderedVariants(p).map((v) => {
    const tracked = v.manage_inventory === true && v.allow_backorder !== true
    const stock = tracked ? Math.max(0, v.inventory_quantity ?? 0) : null
    return {
      id: v.id,
      title: pick(locale, v.title, meta(v, "title_en")) ?? "",
      sku: v.sku ?? null,
      gtin: v.barcode ?? null,
      price: typeof v.calculated_price?.calculated_amount === "number" ? v.calculated_price.calculated_amount : null,
      stock,
      available: stock === null || stock > 0,
    }
  })
  const prices = variants.map((v) => v.price).filter((x): x is number => x !== null)
  return {
    id: p.id,
    handle: p.handle ?? p.id,
    title: pick(locale, p.title, meta(p, "title_en")) ?? "",
    subtitle: pick(locale, p.subtitle, meta(p, "subtitle_en")),
    description: pick(locale, p.description, meta(p, "description_en")),
    thumbnail: mediaUrl(p.thumbnail),
    images: (p.images ?? []).map((i) => mediaUrl(i.url)).filter((u): u is string => u !== null),
    typeId: p.type?.id ?? null,
    typeName: p.type ? pick(locale, p.type.value, meta(p.type, "value_en")) : null,
    optionTitle: p.options?.[0] ? pick(locale, p.options[0].title, meta(p, "option_title_en")) : null,
    priceFrom: prices.length ? Math.min(...prices) : null,
    variants,
    updatedAt: p.updated_at ? String(p.updated_at) : null,
    videos: videosOf(p, locale),
  }
}

export type ProductSort = "name" | "price-asc" | "price-desc"

export function parseSort(value: string | null): ProductSort {
  return value === "price-asc" || value === "price-desc" ? value : "name"
}

// One collator per language: localeCompare with a locale builds a new one on every comparison.
const TITLE_ORDER: Record<Locale, Intl.Collator> = { th: new Intl.Collator("th"), en: new Intl.Collator("en") }

export async function listProducts(
  locale: Locale,
  options: { sort?: ProductSort; typeId?: string | null } = {}
): Promise<ProductView[]> {
  const products = (await rawProducts()).map((p) => toView(p, locale))
  const filtered = options.typeId ? products.filter((p) => p.typeId === options.typeId) : products
  const sort = options.sort ?? "name"
  const byPrice = (p: ProductView) => p.priceFrom ?? Number.POSITIVE_INFINITY
  return [...filtered].sort((a, b) =>
    sort === "price-asc"
      ? byPrice(a) - byPrice(b)
      : sort === "price-desc"
        ? byPrice(b) - byPrice(a)
        : TITLE_ORDER[locale].compare(a.title, b.title)
  )
}

export async function getProduct(locale: Locale, handle: string): Promise<ProductView | null> {
  const product = await rawProduct(handle)
  return product ? toView(product, locale) : null
}

export async function listProductTypes(locale: Locale): Promise<ProductTypeView[]> {
  return (await rawProductTypes()).map((t) => ({ id: t.id, value: t.value, label: pick(locale, t.value, meta(t, "value_en")) ?? t.value }))
}

type VariantTitles = Map<string, { product: string; variant: string; handle: string }>
// Built once per catalogue read and language: every cart and checkout view asks for it.
const titlesOf = new WeakMap<HttpTypes.StoreProduct[], Partial<Record<Locale, VariantTitles>>>()

/** Variant id → product handle and localized titles, for cart lines and orders. */
export async function variantTitles(locale: Locale): Promise<VariantTitles> {
  const raw = await rawProducts()
  const byLocale = titlesOf.get(raw) ?? {}
  titlesOf.set(raw, byLocale)
  const known = byLocale[locale]
  if (known) return known
  const map: VariantTitles = new Map()
  for (const p of raw.map((product) => toView(product, locale))) {
    for (const v of p.variants) map.set(v.id, { product: p.title, variant: v.title, handle: p.handle })
  }
  byLocale[locale] = map
  return map
}

/** The variant whose barcode is this GTIN-14, with its product's handle (for /01/{gtin} links). */
export async function findVariantByGtin(gtin: string): Promise<{ handle: string; variantId: string } | null> {
  for (const p of await listProducts("th")) {
    const v = p.variants.find((x) => x.gtin === gtin)
    if (v) return { handle: p.handle, variantId: v.id }
  }
  return null
}

/** The title, in the page's language, of the variant whose barcode is this GTIN-14 (null when none has it). */
export async function variantTitleByGtin(locale: Locale, gtin: string): Promise<string | null> {
  for (const p of await listProducts(locale)) {
    const v = p.variants.find((x) => x.gtin === gtin)
    if (v) return v.title
  }
  return null
}
