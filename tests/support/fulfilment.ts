import { expect } from "vitest"
import { type AdminApi, certifiedHarvestLots, type Json } from "./admin-api"
import type { TestApp } from "./app"
import { buyerAt, storeClient } from "./payment-cart"

export type LabelledBatch = { id: string; lot_number: string; units: { id: string; serial: string; url: string }[] }

/** Fixtures of the fulfilment suites: real orders placed through the store API, batches with issued units. */
export async function fulfilmentFixtures(app: TestApp, api: AdminApi, householdNumber: number) {
  const client = storeClient(app)
  const harvestLots = (await certifiedHarvestLots(api, householdNumber, [50])).lots
  const { products } = await api.ok("GET", "/admin/products?fields=id,variants.id,variants.sku&limit=50")
  const variantBySku = new Map<string, string>()
  for (const v of products.flatMap((p: Json) => p.variants)) variantBySku.set(v.sku, v.id)
  let nextIp = 0

  return {
    client,
    /** A placed order (bank transfer, not yet paid) of one buyer on a network of its own. */
    async placeOrder(sku: string, quantity: number, email: string): Promise<string> {
      const { cart } = await client.cartReadyToPay([{ sku, quantity }], email)
      expect((await client.startPayment(cart.id, "pp_system_default")).status).toBe(200)
      nextIp += 1
      const ip = `10.${householdNumber % 250}.${nextIp >> 8}.${nextIp & 255}`
      const done = await client.call("POST", `/store/carts/${cart.id}/complete`, undefined, undefined, buyerAt(app, ip))
      expect(done.body?.type, JSON.stringify(done.body)).toBe("order")
      return done.body.order.id as string
    },
    /** A batch of the variant with its units issued, released unless told otherwise. */
    async batch(sku: string, producedOn: string, units: number, status: "released" | "draft" = "released"): Promise<LabelledBatch> {
      const made = await api.ok("POST", "/admin/batches", {
        variant_id: variantBySku.get(sku),
        produced_on: producedOn,
        units_planned: units,
        inputs: [{ harvest_lot_id: harvestLots[0]!.id, kg: 0.5 }],
        issue_units: units,
      })
      if (status === "released") await api.ok("POST", `/admin/batches/${made.batch.id}/release`, {})
      const { batch } = await api.ok("GET", `/admin/batches/${made.batch.id}`)
      return batch as LabelledBatch
    },
  }
}
