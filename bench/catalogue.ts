import type { AdminApi, Json } from "../tests/support/admin-api"

/**
 * Tops the seeded catalogue up to `total` published products with two priced variants each, through the
 * real admin API, so Medusa's bare /store/products is measured on the reference catalogue.
 */
export async function addBenchCatalogue(api: AdminApi, total: number): Promise<number> {
  const { sales_channels } = await api.ok("GET", "/admin/sales-channels?limit=1")
  const channel = (sales_channels as Json[])[0]
  if (!channel) throw new Error("the seed made no sales channel")
  const { count } = await api.ok("GET", "/admin/products?limit=1&fields=id")
  for (let n = Number(count) + 1; n <= total; n++) {
    await api.ok("POST", "/admin/products", {
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
  }
  return Number((await api.ok("GET", "/admin/products?limit=1&fields=id")).count)
}
