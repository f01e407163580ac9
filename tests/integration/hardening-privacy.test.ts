import fs from "node:fs"
import path from "node:path"
import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bangkokToday } from "@mae-mok/traceability"
import { backendDir } from "../../backend/launcher/paths"
import { buildTrackingNumber } from "@mae-mok/traceability"
import { adminApi, adminToken, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"
import { buyerAt, storeClient } from "../support/payment-cart"
import { pdfText } from "../support/pdf"
import {
  expectConsentedValues,
  expectNoPrivateKeys,
  expectNoPrivateValues,
  expectPrivateValuesStored,
  loadSeedPhotos,
  type PublicResponse,
  type SeedPhotos,
} from "../support/privacy"

// The privacy sweep of the hardening issue: every response anyone can fetch without logging in — the store
// API, the storefront's pages in Thai and English, the provenance pages of every lot and every seeded unit,
// linksets, EPCIS, the resolver description, sitemap and robots.txt — holds none of the seeded households'
// private values, while what each household agreed to show is shown.

type Unit = { serial: string }
type Batch = { lot_number: string; variant: { barcode: string }; units: Unit[] }

/** ฿98,765.43 (+ the household's index): what the group owes each seeded household in this sweep. */
const PRIVATE_MONEY_SATANG = 9_876_543
/** A buyer's report: its message and contact are for the group only. */
const REPORT_MESSAGE = "รายงานส่วนตัว-PRIVATE-REPORT-4417"
const REPORT_CONTACT = "report-contact-4417@example.com"

let app: TestApp
let batches: Batch[]
let photos: SeedPhotos
const api: PublicResponse[] = []
const pages: PublicResponse[] = []

async function fetchInto(list: PublicResponse[], url: string, label: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, redirect: "manual" })
  const body = await res.text()
  list.push({ label, status: res.status, body })
  return { status: res.status, body }
}

const store = (p: string) => fetchInto(api, app.medusaUrl + p, `store API ${p}`, { "x-publishable-api-key": app.publishableKey })
const page = (p: string, headers: Record<string, string> = {}) =>
  fetchInto(pages, app.storefrontUrl + p, `storefront ${p}${headers.accept ? ` (${headers.accept})` : ""}`, { "accept-language": "th", ...headers })

/** The store routes this project adds (backend/src/api/store/…/route.ts with a GET), as path patterns. */
function customStoreGetRoutes(): string[] {
  const root = path.join(backendDir, "src", "api", "store")
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (entry.name === "route.ts" && /export (async )?function GET\b/.test(fs.readFileSync(file, "utf8"))) {
        found.push("/store/" + path.relative(root, dir).split(path.sep).join("/"))
      }
    }
  }
  walk(root)
  return found.sort()
}

beforeAll(async () => {
  app = await startTestApp({ storefront: true })
  photos = await loadSeedPhotos(app.db.url)
  const admin = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  const { batches: list } = await admin.ok("GET", "/admin/batches?status=released")
  batches = await Promise.all(list.map(async (b: Json) => (await admin.ok("GET", `/admin/batches/${b.id}`)).batch as Batch))
  expect(batches.length).toBeGreaterThanOrEqual(2)
  for (const b of batches) expect(b.units.length, `label units of ${b.lot_number}`).toBeGreaterThan(0)

  // Household money (issue 13): a share rule for every product, and each seeded household owed an amount no
  // public response may show (booked as the ledger stores it), so the sweep below has money to find.
  await admin.ok("POST", "/admin/share-rules", { product_id: null, basis_points: 2500, valid_from: bangkokToday() })
  const db = postgres(app.db.url, { max: 1 })
  try {
    const households = await db`select id from household where deleted_at is null`
    for (const [i, h] of households.entries()) {
      const lot = `hl_privacy_${i}`
      await db`insert into ledger_entry (id, idempotency_key, household_id, kind, satang, source, harvest_lot_id, booked_at)
        values (${`le_privacy_${i}`}, ${`farm_gate_purchase:${lot}`}, ${h.id}, 'farm_gate_purchase', ${PRIVATE_MONEY_SATANG + i},
          ${db.json({ type: "harvest_lot", harvestLotId: lot, grams: 12345, pricePerKgSatang: 800000, priceId: null })}, ${lot}, now())`
    }
  } finally {
    await db.end()
  }

  // A buyer's "suspicious label" report (issue 15, decision 0061), posted through the storefront's form before the
  // sweep: its message and contact are the group's to read, never in any public answer.
  const reported = await fetch(`${app.storefrontUrl}/01/${batches[0]!.variant.barcode}/10/${batches[0]!.lot_number}/21/${batches[0]!.units[0]!.serial}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: app.storefrontUrl },
    body: new URLSearchParams({ reason: "other", message: REPORT_MESSAGE, where_bought: "ร้านทดสอบความเป็นส่วนตัว", contact: REPORT_CONTACT }),
  })
  expect(reported.status, "the report was taken").toBe(303)
  pages.push({ label: "storefront report answer", status: reported.status, body: `${[...reported.headers].join("\n")}\n${await reported.text()}` })

  // Unit-level fulfilment (issue 12): an order of a seeded variant, packed FIFO (its unit's page now says the month
  // it was sold, the others that they never were) and handed to Thailand Post; the buyer's parcels are read below.
  const client = storeClient(app)
  const { products: catalogue } = await admin.ok("GET", "/admin/products?fields=variants.sku,variants.barcode&limit=50")
  const sku = catalogue.flatMap((p: Json) => p.variants).find((v: Json) => v.barcode === batches[0]!.variant.barcode).sku as string
  const { cart } = await client.cartReadyToPay([{ sku, quantity: 1 }], "privacy-buyer@example.com")
  expect((await client.startPayment(cart.id, "pp_system_default")).status).toBe(200)
  const placed = await client.call("POST", `/store/carts/${cart.id}/complete`, undefined, undefined, buyerAt(app, "10.77.0.1"))
  const orderId = placed.body.order.id as string
  const fulfilled = await admin.ok("POST", `/admin/orders/${orderId}/packing/fulfil`, { fill: true })
  await admin.ok("POST", `/admin/orders/${orderId}/packing/tracking`, { fulfillment_id: fulfilled.fulfillment_id, tracking_number: buildTrackingNumber("EB", "13572468") })

  // --- the store API (publishable key only) ---
  const productFields =
    "*variants,*variants.calculated_price,+variants.inventory_quantity,+variants.barcode,+variants.metadata,+metadata,*type,*images,*options,*tags,*categories,*collection"
  const { body: regionsBody } = await store("/store/regions")
  const regions = JSON.parse(regionsBody).regions as Json[]
  for (const r of regions) {
    await store(`/store/regions/${r.id}`)
    await store(`/store/payment-providers?region_id=${r.id}`)
  }
  await store("/store/products")
  await store("/store/products?limit=12")
  const { body: productsBody } = await store(`/store/products?limit=100&region_id=${regions[0]!.id}&fields=${encodeURIComponent(productFields)}`)
  const products = JSON.parse(productsBody).products as Json[]
  expect(products.length).toBeGreaterThan(0)
  for (const p of products) await store(`/store/products/${p.id}?region_id=${regions[0]!.id}&fields=${encodeURIComponent(productFields)}`)
  await store("/store/collections")
  await store("/store/product-categories")
  await store("/store/product-types")

  // Every custom store GET route, for every seeded lot and unit (patterns listed from the code, so a new route
  // without a line here fails the check below).
  const covered = new Set<string>()
  for (const b of batches) {
    const base = `/store/provenance/${b.variant.barcode}/${b.lot_number}`
    await store(base)
    covered.add("/store/provenance/[gtin]/[lot]")
    await store(`${base}/epcis`)
    covered.add("/store/provenance/[gtin]/[lot]/epcis")
    for (const u of b.units) await store(`${base}/${u.serial}`)
    await store(`${base}/7K3QW9TZ0M4D8XHV`)
    covered.add("/store/provenance/[gtin]/[lot]/[serial]")
    // What the product page asks for the current batch of a GTIN (storefront currentBatch()).
    await store(`/store/provenance/${b.variant.barcode}`)
    covered.add("/store/provenance/[gtin]")
  }
  // The buyer's parcels, as the storefront reads them for the order page (its secret; decision 0025).
  const parcels = await fetchInto(api, `${app.medusaUrl}/store/orders/${orderId}/shipping`, "store API /store/orders/:id/shipping", {
    "x-publishable-api-key": app.publishableKey,
    ...buyerAt(app, "10.77.0.1"),
  })
  expect(parcels.body).toContain("track.thailandpost.co.th")
  covered.add("/store/orders/[id]/shipping")
  // The content stamp the storefront's caches poll (decision 0011).
  await store("/store/content-version")
  covered.add("/store/content-version")
  // Herb knowledge (issue 16): the list, every page, the e-book; the PDFs are swept as the text they print.
  const { body: herbsBody } = await store("/store/herbs")
  covered.add("/store/herbs")
  for (const h of JSON.parse(herbsBody).herbs as Json[]) await store(`/store/herbs/${h.slug}`)
  covered.add("/store/herbs/[slug]")
  await store("/store/knowledge")
  covered.add("/store/knowledge")
  for (const p of ["/store/knowledge/pdf?lang=th", "/store/knowledge/pdf?lang=en", "/store/catalogue/pdf"]) {
    const res = await fetch(app.medusaUrl + p, { headers: { "x-publishable-api-key": app.publishableKey } })
    expect(res.status, p).toBe(200)
    api.push({ label: `store API ${p} (text)`, status: res.status, body: pdfText(Buffer.from(await res.arrayBuffer())) })
  }
  covered.add("/store/knowledge/pdf")
  covered.add("/store/catalogue/pdf")
  // Share images (decision 0066) are PNGs drawn from the public page's data: fetched so the route answers, but
  // pixels cannot be searched for text; what they draw is the product page swept below.
  for (const p of products) {
    const res = await fetch(`${app.medusaUrl}/store/share-images/products/${p.handle}`, { headers: { "x-publishable-api-key": app.publishableKey }, redirect: "manual" })
    expect([200, 302], `share image of ${p.handle}`).toContain(res.status)
  }
  covered.add("/store/share-images/[kind]/[key]")
  expect(customStoreGetRoutes().filter((r) => !covered.has(r)), "custom store GET routes the sweep does not fetch").toEqual([])

  // --- the storefront, in Thai and English ---
  for (const lang of ["", "/en"]) {
    await page(`${lang}/`)
    await page(`${lang}/products`)
    await page(`${lang}/products?sort=price-asc`)
    for (const p of products) {
      await page(`${lang}/products/${p.handle}`)
      await page(`${lang}/products/${p.handle}.data`)
      for (const v of p.variants as Json[]) await page(`${lang}/products/${p.handle}?variant=${v.id}`)
    }
  }
  for (const b of batches) {
    const lot = `/01/${b.variant.barcode}/10/${b.lot_number}`
    for (const unitOrLot of [lot, ...b.units.map((u) => `${lot}/21/${u.serial}`), `${lot}/21/7K3QW9TZ0M4D8XHV`]) {
      await page(unitOrLot)
      await page(`${unitOrLot}?lang=en`)
      await page(unitOrLot, { accept: "application/linkset+json" })
      await page(`${unitOrLot}?linkType=all`)
    }
    await page(`${lot}?linkType=gs1:traceability`)
    await page(`/01/${b.variant.barcode}`)
  }
  for (const lang of ["", "/en"]) {
    await page(`${lang}/knowledge`)
    for (const h of JSON.parse(herbsBody).herbs as Json[]) await page(`${lang}/herbs/${h.slug}`)
  }
  await page("/.well-known/gs1resolver")
  await page("/sitemap.xml")
  await page("/robots.txt")
})

afterAll(async () => {
  await app?.stop()
})

describe("privacy sweep of every public response", () => {
  it("fetched what it meant to: the pages answered, the private values are really in the database", async () => {
    const failed = [...api, ...pages].filter((r) => r.status >= 500)
    expect(failed.map((r) => `${r.label} → ${r.status}`)).toEqual([])
    // Product and provenance pages really rendered (a sweep of error pages would prove nothing).
    const rendered = /provenance\/\d+\/[^/]+$|\/01\/\d+\/10\/[^/?]+(\/21\/[0-9A-HJKMNP-TV-Z]{16})?(\?lang=en)?$|\/products\/[a-z-]+$/
    for (const r of [...api, ...pages].filter((r) => rendered.test(r.label) && !r.label.includes("7K3QW9TZ0M4D8XHV"))) {
      expect(r.status, r.label).toBe(200)
    }
    // Every seeded unit's page, in Thai and English.
    const units = batches.reduce((n, b) => n + b.units.length, 0)
    const unitPages = pages.filter((r) => /\/21\/[0-9A-HJKMNP-TV-Z]{16}(\?lang=en)?$/.test(r.label) && !r.label.includes("7K3QW9TZ0M4D8XHV"))
    expect(unitPages.length).toBe(2 * units)
    await expectPrivateValuesStored(app.db.url)
  })

  it("shows no private value, no exact plot location and no household id anywhere", () => {
    expectNoPrivateValues([...api, ...pages], photos)
    expectNoPrivateKeys([...api.filter((r) => r.label.includes("/store/provenance/")), ...pages.filter((r) => /linkset|linkType=|gs1resolver/.test(r.label))])
  })

  it("shows no buyer's report (message, contact, where bought) in any public answer", () => {
    for (const { label, body } of [...api, ...pages]) {
      for (const value of [REPORT_MESSAGE, REPORT_CONTACT, "ร้านทดสอบความเป็นส่วนตัว"]) expect(body.includes(value), `${label} shows "${value}"`).toBe(false)
    }
  })

  it("shows no household's money: only the aggregate grower share line, on product and provenance pages", () => {
    const all = [...api, ...pages]
    for (const r of all) {
      for (const leak of ["98,765", "98765", "9876543", "9,876,543"]) expect(r.body.includes(leak), `${r.label} shows ${leak}`).toBe(false)
    }
    // The aggregate line is there (4+ households: baht per unit and the count), in Thai and English.
    const productTh = pages.filter((r) => /^storefront \/products\/[a-z-]+$/.test(r.label)).map((r) => r.body).join("\n")
    expect(productTh).toMatch(/฿\d+ ของราคานี้ถึงมือครัวเรือนผู้ปลูก \d+ ครัวเรือน|ของรายได้สุทธิ \(ไม่รวม VAT\) จากสินค้าชิ้นนี้ถึงมือครัวเรือนผู้ปลูก/)
    const lotPages = pages.filter((r) => /\/01\/\d+\/10\/[^/?]+\?lang=en$/.test(r.label)).map((r) => r.body).join("\n")
    expect(lotPages).toMatch(/of this price goes back to the \d+ grower households|of the net revenue \(ex VAT\) from this item goes back/)
  })

  it("shows each household's consented name, photo and story, in Thai and English, and nothing it did not consent to", () => {
    const lotPages = (lang: "th" | "en") =>
      pages.filter((r) => /\/01\/\d+\/10\/[^/?]+(\?lang=en)?$/.test(r.label) && r.label.endsWith("?lang=en") === (lang === "en"))
    for (const lang of ["th", "en"] as const) {
      const html = lotPages(lang).map((r) => r.body).join("\n")
      expect(html.length, `${lang} lot pages`).toBeGreaterThan(1000)
      expectConsentedValues(html, `the ${lang} provenance pages`, photos, [lang])
    }
    expectConsentedValues(api.filter((r) => r.label.includes("/store/provenance/")).map((r) => r.body).join("\n"), "the store provenance API", photos, ["th", "en"])
  })

  it("serves no photo of a household that did not consent to one, and no household photo from /static", async () => {
    for (const [code, photo] of photos) {
      const res = await fetch(`${app.medusaUrl}/household-photos/${photo.file}`)
      const body = Buffer.from(await res.arrayBuffer())
      expect(res.status, code).toBe(photo.consent ? 200 : 404)
      if (photo.consent) expect(res.headers.get("content-type")).toBe("image/jpeg")
      else expect(body.toString()).not.toMatch(/\xff\xd8/)
    }
    for (const old of ["households/ban-suan-pa-kaew.svg", "households/private-mm-h-023.jpg", "households/"]) {
      const res = await fetch(`${app.medusaUrl}/static/${old}`)
      await res.arrayBuffer()
      expect(res.status, old).toBe(404)
    }
  })
})
