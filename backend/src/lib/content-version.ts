import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Every table whose rows a public page shows: the catalogue (products, variants, options, images, prices,
 * stock, region), the traceability records behind the provenance pages, and the shipping and payment choices
 * the checkout offers. Scan counters (label_unit,
 * scan_event) are left out on purpose: a scan must not invalidate the caches.
 */
export const PUBLIC_CONTENT_TABLES = [
  "product",
  "product_variant",
  "product_option",
  "product_option_value",
  "product_type",
  "image",
  "product_sales_channel",
  "product_variant_price_set",
  "price_set",
  "price",
  "price_list",
  "price_rule",
  "price_list_rule",
  "region",
  "inventory_item",
  "inventory_level",
  "reservation_item",
  "product_variant_inventory_item",
  "batch",
  "batch_input",
  "harvest_lot",
  "plot",
  "household",
  "herb_species",
  "certification",
  "herb_page",
  "herb_recipe",
  "product_product_variant_traceability_batch",
  // the grower share line (issue 13) follows the share rules
  "share_rule",
  // what the checkout offers: shipping options with their zones, profiles and prices, and the region's payment
  // providers (the storefront keeps both under the stamp: decision 0074)
  "shipping_option",
  "shipping_option_rule",
  "shipping_option_type",
  "shipping_option_price_set",
  "shipping_profile",
  "product_shipping_profile",
  "service_zone",
  "geo_zone",
  "fulfillment_set",
  "location_fulfillment_set",
  "stock_location",
  "sales_channel_stock_location",
  "payment_provider",
  "region_payment_provider",
] as const

/**
 * A stamp of the public content that changes whenever a row of those tables is inserted, updated
 * (Medusa and our own statements set updated_at), soft-deleted or deleted: per table the row count and the
 * exact sum of updated_at and deleted_at. A sum, not a max, so a long transaction that commits an older
 * updated_at still changes it. One statement; about a millisecond on the shop's data.
 */
export async function contentVersion(container: Pick<MedusaContainer, "resolve">): Promise<string> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as { raw: (sql: string) => Promise<{ rows: { version: string }[] }> }
  const parts = PUBLIC_CONTENT_TABLES.map(
    (table) =>
      `select '${table}:' || count(*) || ':' || coalesce(sum(extract(epoch from updated_at)), 0) || ':' || coalesce(sum(extract(epoch from deleted_at)), 0) as part from "${table}"`
  )
  const { rows } = await pg.raw(`select md5(string_agg(part, ',' order by part)) as version from (${parts.join(" union all ")}) parts`)
  return rows[0]!.version
}
