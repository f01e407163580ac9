import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { isValidGtin } from "@mae-mok/traceability"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"

let app: TestApp

beforeAll(async () => {
  app = await startTestApp()
})

afterAll(async () => {
  await app?.stop()
})

async function store(path: string, key: string | null = app.publishableKey) {
  const res = await fetch(`${app.medusaUrl}${path}`, {
    headers: key ? { "x-publishable-api-key": key } : {},
  })
  return { status: res.status, body: await res.json() }
}

describe("Store API on a freshly seeded database", () => {
  it("refuses product queries without a publishable key", async () => {
    const { status, body } = await store("/store/products", null)
    expect(status).toBe(400)
    expect(body.message).toMatch(/publishable/i)
  })

  it("refuses an unknown publishable key", async () => {
    const { status } = await store("/store/products", "pk_not_a_real_key")
    expect(status).toBeGreaterThanOrEqual(400)
    expect(status).toBeLessThan(500)
  })

  it("has one region, Thailand, in baht with VAT-inclusive prices", async () => {
    const { status, body } = await store("/store/regions")
    expect(status).toBe(200)
    expect(body.regions).toHaveLength(1)
    const [region] = body.regions
    expect(region.name).toBe("ประเทศไทย")
    expect(region.currency_code).toBe("thb")
    expect(region.countries.map((c: { iso_2: string }) => c.iso_2)).toEqual(["th"])
  })

  it("lists both products with Thai and English text, images, GTIN-14 barcodes, prices and stock", async () => {
    const { body: regions } = await store("/store/regions")
    const regionId = regions.regions[0].id
    const { status, body } = await store(
      `/store/products?region_id=${regionId}&fields=*variants.calculated_price,+variants.barcode,+variants.inventory_quantity,+metadata,*images`
    )
    expect(status).toBe(200)
    const byHandle = Object.fromEntries(body.products.map((p: { handle: string }) => [p.handle, p]))
    expect(Object.keys(byHandle).sort()).toEqual(["ceramic-herbal-compress-ball", "mok-prai-herbal-massage-oil"])

    const oil = byHandle["mok-prai-herbal-massage-oil"]
    expect(oil.title).toBe("น้ำมันนวดสมุนไพรหมอกไพร")
    expect(oil.metadata.title_en).toBe("Mok Prai herbal massage oil")
    expect(oil.description).toMatch(/เถาเอ็นอ่อน/)
    expect(oil.metadata.description_en).toMatch(/Cryptolepis dubia/)
    expect(oil.variants.length).toBeGreaterThanOrEqual(2)
    expect(byHandle["ceramic-herbal-compress-ball"].variants.length).toBeGreaterThanOrEqual(2)

    for (const product of body.products) {
      expect(product.images.length).toBeGreaterThan(0)
      for (const image of product.images) {
        // Stored relative to the backend, so they follow MEDUSA_BACKEND_URL (the storefront puts it in front).
        expect(image.url).toMatch(/^\/static\/products\/[\w-]+\.svg$/)
        const res = await fetch(app.medusaUrl + image.url)
        expect(res.status, image.url).toBe(200)
      }
      for (const variant of product.variants) {
        expect(variant.barcode).toMatch(/^\d{14}$/)
        expect(isValidGtin(variant.barcode)).toBe(true)
        expect(variant.inventory_quantity).toBeGreaterThan(0)
        expect(variant.calculated_price.currency_code).toBe("thb")
        // Entered prices include 7 % VAT: the calculated amount is the shelf price.
        expect(variant.calculated_price.is_calculated_price_tax_inclusive).toBe(true)
      }
    }
    const oil30 = oil.variants.find((v: { sku: string }) => v.sku === "MM-OIL-30")
    expect(oil30.calculated_price.calculated_amount).toBe(159)
    const barcodes = body.products.flatMap((p: { variants: { barcode: string }[] }) => p.variants.map((v) => v.barcode))
    expect(new Set(barcodes).size).toBe(barcodes.length)
  })

  it("offers Thailand Post EMS and registered mail for a Thai cart", async () => {
    const { body: regions } = await store("/store/regions")
    const res = await fetch(`${app.medusaUrl}/store/carts`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-publishable-api-key": app.publishableKey },
      body: JSON.stringify({ region_id: regions.regions[0].id }),
    })
    expect(res.status).toBe(200)
    const { cart } = await res.json()
    const { status, body } = await store(`/store/shipping-options?cart_id=${cart.id}`)
    expect(status).toBe(200)
    const names = body.shipping_options.map((o: { name: string }) => o.name).sort()
    expect(names).toEqual(["ไปรษณีย์ไทย EMS", "ไปรษณีย์ไทย ลงทะเบียน"])
  })

  it("lets the seeded admin log in and serves the admin dashboard at /app", async () => {
    const login = await fetch(`${app.medusaUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    })
    expect(login.status).toBe(200)
    const { token } = await login.json()
    const products = await fetch(`${app.medusaUrl}/admin/products`, { headers: { authorization: `Bearer ${token}` } })
    expect(products.status).toBe(200)
    expect((await products.json()).count).toBe(2)

    const wrong = await fetch(`${app.medusaUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: "wrong-password" }),
    })
    expect(wrong.status).toBe(401)

    const dashboard = await fetch(`${app.medusaUrl}/app`)
    expect(dashboard.status).toBe(200)
    expect(await dashboard.text()).toMatch(/<div id="medusa"|<script/)
  })
})
