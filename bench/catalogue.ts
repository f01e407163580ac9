import type { AdminApi, Json } from "../tests/support/admin-api"

/**
 * Tops the seeded catalogue up to `total` published products with two priced variants each, through the
 * real admin API, so Medusa's bare /store/products is measured on the reference catalogue.
 */
export async function addBenchCatalogue(api: AdminApi, total: number): Promise<number> {
  // The shop's own channel (the one its publishable key sells through), read off a seeded product: Medusa's
  // "Default Sales Channel" comes first in the list but the storefront does not sell from it.
  const { products } = await api.ok("GET", "/admin/products?limit=1&fields=id,*sales_channels")
  const channel = ((products as Json[])[0]?.sales_channels as Json[] | undefined)?.[0]
  if (!channel) throw new Error("the seed made no product in a sales channel")
  const { count } = await api.ok("GET", "/admin/products?limit=1&fields=id")
  const product = (n: number) => ({
    title: `สินค้าทดสอบประสิทธิภาพ ${n}`,
    handle: `bench-product-${n}`,
    status: "published",
    description: "สินค้าสำหรับวัดประสิทธิภาพเท่านั้น",
    options: [{ title: "ขนาด", values: ["เล็ก", "ใหญ่"] }],
    variants: ["เล็ก", "ใหญ่"].map((size, i) => ({
      title: size,
      sku: `BENCH-${n}-${i + 1}`,
      options: { ขนาด: size },
      manage_inventory: false,
      prices: [{ currency_code: "thb", amount: 100 + 50 * i + n }],
    })),
    sales_channels: [{ id: channel.id }],
  })
  // Medusa's batch route: 50 products per workflow run (the 500-product catalogue in a few calls, not 488).
  const wanted = Array.from({ length: Math.max(0, total - Number(count)) }, (_, i) => Number(count) + 1 + i)
  for (let i = 0; i < wanted.length; i += 50) {
    await api.ok("POST", "/admin/products/batch", { create: wanted.slice(i, i + 50).map(product) })
  }
  return Number((await api.ok("GET", "/admin/products?limit=1&fields=id")).count)
}

/**
 * Every product page URL of the catalogue: each product and each `?variant=` of it, as shoppers browse
 * (the product targets rotate over these).
 */
export function productPagePaths(products: Json[]): string[] {
  return products
    .filter((p) => p.status === "published")
    .flatMap((p) => [`/products/${p.handle}`, ...(p.variants as Json[]).map((v) => `/products/${p.handle}?variant=${v.id}`)])
}

/**
 * Opens each path once, `connections` at a time, as a crawler or the first shoppers after a start would: the
 * pages are rendered and stored once, so the measurement after it is the shop's steady state. Returns the ms
 * it took and how many did not answer 200.
 */
export async function visitEach(baseUrl: string, paths: string[], connections = 50): Promise<{ ms: number; failed: number }> {
  const started = Date.now()
  let next = 0
  let failed = 0
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < paths.length; i = next++) {
        const res = await fetch(baseUrl + paths[i])
        await res.arrayBuffer()
        if (res.status !== 200) failed += 1
      }
    })
  )
  return { ms: Date.now() - started, failed }
}
