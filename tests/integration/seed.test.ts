import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { seed } from "../../backend/launcher/medusa"
import { appEnv, freshDatabase, type TestDatabase } from "../support/app"
import { batchVariantLinkTable } from "../support/db"

// Tables whose row counts would grow if the seed created anything twice.
const TABLES = [
  "product",
  "product_variant",
  "product_option",
  "product_type",
  "image",
  "price",
  "price_set",
  "region",
  "region_country",
  "tax_region",
  "tax_rate",
  "sales_channel",
  "stock_location",
  "inventory_item",
  "inventory_level",
  "fulfillment_set",
  "service_zone",
  "shipping_option",
  "api_key",
  "user",
  "auth_identity",
  // traceability demo
  "herb_species",
  "household",
  "plot",
  "certification",
  "harvest_lot",
  "batch",
  "batch_input",
  "label_unit",
]

let db: TestDatabase

beforeAll(async () => {
  db = await freshDatabase()
})

afterAll(async () => {
  await db?.drop()
})

async function counts(url: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1 })
  try {
    const result: Record<string, number> = {}
    for (const table of TABLES) {
      const [row] = await sql`select count(*)::int as n from ${sql(table)} where deleted_at is null`
      result[table] = row.n
    }
    return result
  } finally {
    await sql.end()
  }
}

async function publishableKeys(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1 })
  try {
    const rows = await sql`
      select title from api_key
      where type = 'publishable' and title = 'Mae Mok storefront' and deleted_at is null and revoked_at is null`
    return rows.map((r) => r.title as string)
  } finally {
    await sql.end()
  }
}

describe("seed", () => {
  it("creates the catalogue once and adds nothing when run again", async () => {
    const env = appEnv(db, 9999, 8888)
    const before = await counts(db.url)
    expect(before.product).toBe(0)

    const first = await seed(env)
    expect(first).toMatch(/created products/)
    const afterFirst = await counts(db.url)
    expect(afterFirst.product).toBe(2)
    expect(afterFirst.product_variant).toBe(4)
    expect(afterFirst.shipping_option).toBe(2)
    // Medusa may create its own default keys on boot; ours is the one titled for the storefront.
    expect(await publishableKeys(db.url)).toEqual(["Mae Mok storefront"])
    expect(afterFirst.user).toBe(1)
    expect(afterFirst.inventory_level).toBe(4)
    expect(afterFirst.herb_species).toBe(3)
    expect(afterFirst.household).toBeGreaterThanOrEqual(4)
    expect(afterFirst.plot).toBe(6)
    expect(afterFirst.batch).toBe(2)
    expect(afterFirst.label_unit).toBeGreaterThan(0)

    const second = await seed(env)
    expect(second).toMatch(/already seeded, nothing to add/)
    expect(await counts(db.url)).toEqual(afterFirst)
  })

  it("releases one demo batch per product, linked to a variant with a GTIN, with certified inputs", async () => {
    const sql = postgres(db.url, { max: 1 })
    try {
      const link = await batchVariantLinkTable(sql)
      const rows = await sql`
        select b.lot_number, b.status, v.barcode, p.handle,
          (select count(*)::int from label_unit u where u.batch_id = b.id and u.deleted_at is null) as units
        from batch b
        join ${sql(link)} l on l.batch_id = b.id and l.deleted_at is null
        join product_variant v on v.id = l.product_variant_id
        join product p on p.id = v.product_id
        where b.deleted_at is null order by p.handle`
      expect(rows.map((r) => r.handle)).toEqual(["ceramic-herbal-compress-ball", "mok-prai-herbal-massage-oil"])
      for (const row of rows) {
        expect(row.status).toBe("released")
        expect(row.barcode).toMatch(/^\d{14}$/)
        expect(row.lot_number).toMatch(/^(MO|CB)-\d{4}-\d{2}$/)
        expect(row.units).toBeGreaterThan(0)
      }
      const expired = await sql`select count(*)::int as n from certification where valid_until < to_char(now(), 'YYYY-MM-DD')`
      expect(expired[0].n).toBeGreaterThanOrEqual(1)
      const schemes = await sql`select distinct scheme from certification order by scheme`
      expect(schemes.map((r) => r.scheme)).toEqual(["PGS", "TH-GAP"])
    } finally {
      await sql.end()
    }
  })

  it("stocks every variant at the Mae Mok location", async () => {
    const sql = postgres(db.url, { max: 1 })
    try {
      const rows = await sql`
        select v.sku, l.stocked_quantity, l.reserved_quantity
        from product_variant v
        join product_variant_inventory_item pvi on pvi.variant_id = v.id and pvi.deleted_at is null
        join inventory_level l on l.inventory_item_id = pvi.inventory_item_id and l.deleted_at is null
        order by v.sku`
      expect(rows.map((r) => r.sku)).toEqual(["MM-CB-1", "MM-CB-2", "MM-OIL-100", "MM-OIL-30"])
      for (const row of rows) expect(Number(row.stocked_quantity)).toBeGreaterThan(0)
    } finally {
      await sql.end()
    }
  })
})
