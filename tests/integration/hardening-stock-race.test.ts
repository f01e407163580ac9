import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { buyerAt, storeClient } from "../support/payment-cart"
import { pool } from "../support/pool"

// Issue 7: 50 customers check out the last 5 units of a variant at the same moment.

const SKU = "MM-CB-2"
const STOCK = 5
const CUSTOMERS = 50

let app: TestApp
let client: ReturnType<typeof storeClient>
let admin: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>
let sql: postgres.Sql

beforeAll(async () => {
  app = await startTestApp()
  client = storeClient(app)
  const token = await client.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD)
  admin = (method, path, body) => client.call(method, path, body, token)
  sql = postgres(app.db.url, { max: 2, onnotice: () => undefined })
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

/** The variant's inventory item and its level at the Mae Mok location, through the admin API. */
async function inventoryLevel() {
  const { status, body } = await admin("GET", `/admin/inventory-items?sku=${SKU}&fields=id,*location_levels`)
  expect(status).toBe(200)
  const item = body.inventory_items[0]
  return { itemId: item.id as string, locationId: item.location_levels[0].location_id as string }
}

async function levelRow(itemId: string) {
  const [row] = await sql<{ stocked: number; reserved: number }[]>`
    SELECT stocked_quantity::int AS stocked, reserved_quantity::int AS reserved FROM inventory_level
    WHERE inventory_item_id = ${itemId} AND deleted_at IS NULL`
  return row!
}

describe("the last units of a variant", () => {
  it("50 concurrent checkouts for the last 5 units: exactly 5 orders, 45 clear refusals, carts intact, rows consistent", async () => {
    const { itemId, locationId } = await inventoryLevel()
    // Medusa's admin route runs its inventory-level workflow.
    const set = await admin("POST", `/admin/inventory-items/${itemId}/location-levels/${locationId}`, { stocked_quantity: STOCK })
    expect(set.status).toBe(200)
    expect(await levelRow(itemId)).toEqual({ stocked: STOCK, reserved: 0 })

    // 50 carts, each with one unit, a Thai address, EMS and bank transfer (pp_system_default).
    const carts = await pool(Array.from({ length: CUSTOMERS }, (_, i) => i), 4, async (i) => {
      const { cart } = await client.cartReadyToPay([{ sku: SKU, quantity: 1 }], `customer${i}@example.com`)
      const session = await client.startPayment(cart.id, "pp_system_default")
      expect(session.status).toBe(200)
      return cart.id
    })

    const started = performance.now()
    // Fifty customers on fifty networks (placed orders are throttled per buyer IP, decision 0024).
    const answers = await Promise.all(carts.map((id, i) => client.call("POST", `/store/carts/${id}/complete`, undefined, undefined, buyerAt(app, `10.7.0.${i + 1}`))))
    console.log(`${CUSTOMERS} concurrent cart completions in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    expect(answers.filter((a) => a.status >= 500).map((a) => a.body)).toEqual([])
    const placed = answers.map((a, i) => ({ ...a, cartId: carts[i]! })).filter((a) => a.status === 200 && a.body?.type === "order")
    const refused = answers.map((a, i) => ({ ...a, cartId: carts[i]! })).filter((a) => !(a.status === 200 && a.body?.type === "order"))
    expect(placed).toHaveLength(STOCK)
    expect(refused).toHaveLength(CUSTOMERS - STOCK)
    console.log(`a refusal: ${refused[0]!.status} ${JSON.stringify(refused[0]!.body)}`)
    for (const r of refused) {
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400)
      expect(r.status).toBeLessThan(500)
      expect(r.body.message).toMatch(/stock/i)
    }
    const orderIds = placed.map((p) => p.body.order.id as string)
    expect(new Set(orderIds).size).toBe(STOCK)

    // The stock: all five reserved, nothing available, nothing negative.
    expect(await levelRow(itemId)).toEqual({ stocked: STOCK, reserved: STOCK })

    // One reservation per ordered line, of its quantity; no reservation without its order line.
    const reservations = await sql<{ line_item_id: string | null; quantity: number; order_id: string | null }[]>`
      SELECT r.line_item_id, r.quantity::int AS quantity, li_order.order_id
      FROM reservation_item r
      LEFT JOIN LATERAL (
        SELECT oi.order_id FROM order_item oi WHERE oi.item_id = r.line_item_id AND oi.deleted_at IS NULL LIMIT 1
      ) li_order ON true
      WHERE r.inventory_item_id = ${itemId} AND r.deleted_at IS NULL`
    expect(reservations).toHaveLength(STOCK)
    expect(reservations.every((r) => r.quantity === 1)).toBe(true)
    expect(reservations.map((r) => r.order_id).sort()).toEqual([...orderIds].sort())

    // Each order: its item, its cart, its authorized payment.
    const orders = await sql<{ id: string; items: number; carts: number; payments: number }[]>`
      SELECT o.id,
        (SELECT count(*)::int FROM order_item oi WHERE oi.order_id = o.id AND oi.deleted_at IS NULL) AS items,
        (SELECT count(*)::int FROM order_cart oc WHERE oc.order_id = o.id AND oc.deleted_at IS NULL) AS carts,
        (SELECT count(*)::int FROM order_payment_collection opc JOIN payment p ON p.payment_collection_id = opc.payment_collection_id
          WHERE opc.order_id = o.id AND opc.deleted_at IS NULL AND p.deleted_at IS NULL) AS payments
      FROM "order" o WHERE o.deleted_at IS NULL`
    expect(orders.map((o) => o.id).sort()).toEqual([...orderIds].sort())
    for (const o of orders) expect(o).toMatchObject({ items: 1, carts: 1, payments: 1 })

    // The refused carts are untouched: not completed, their line and payment session still there.
    const refusedIds = refused.map((r) => r.cartId)
    const cartRows = await sql<{ id: string; completed_at: Date | null; items: number; orders: number }[]>`
      SELECT c.id, c.completed_at,
        (SELECT count(*)::int FROM cart_line_item li WHERE li.cart_id = c.id AND li.deleted_at IS NULL) AS items,
        (SELECT count(*)::int FROM order_cart oc WHERE oc.cart_id = c.id AND oc.deleted_at IS NULL) AS orders
      FROM cart c WHERE c.id IN ${sql(refusedIds)}`
    expect(cartRows).toHaveLength(refusedIds.length)
    for (const c of cartRows) expect(c).toMatchObject({ completed_at: null, items: 1, orders: 0 })

    // ... and usable: once one more unit is in stock, a refused customer's same cart becomes an order.
    const restock = await admin("POST", `/admin/inventory-items/${itemId}/location-levels/${locationId}`, { stocked_quantity: STOCK + 1 })
    expect(restock.status).toBe(200)
    const retry = await client.call("POST", `/store/carts/${refusedIds[0]}/complete`)
    expect(retry.status).toBe(200)
    expect(retry.body.type).toBe("order")
    expect(await levelRow(itemId)).toEqual({ stocked: STOCK + 1, reserved: STOCK + 1 })
    // A second refused cart meets an empty shelf again.
    const again = await client.call("POST", `/store/carts/${refusedIds[1]}/complete`)
    expect(again.status).toBe(400)
    expect(await levelRow(itemId)).toEqual({ stocked: STOCK + 1, reserved: STOCK + 1 })
  }, 300_000)
})
