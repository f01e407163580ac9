import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { sql, storeClient } from "../support/payment-cart"

// Issue 10, item 10: stock can no longer be held without paying (decision 0023). With the settings a user
// runs (no variables): at most 10 units of one product and 30 in all per cart, on every cart write and at
// completion; bank-transfer / cash-on-delivery orders nobody confirmed within 3 days give their stock back.

let app: TestApp
let client: ReturnType<typeof storeClient>
let admin: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>
let variants: Record<string, string>

beforeAll(async () => {
  app = await startTestApp()
  client = storeClient(app)
  const token = await client.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD)
  admin = (method, path, body) => client.call(method, path, body, token)
  const { body } = await client.call("GET", "/store/products?fields=*variants&limit=50")
  variants = Object.fromEntries(body.products.flatMap((p: any) => p.variants.map((v: any) => [v.sku, v.id])))
})

afterAll(async () => {
  await app?.stop()
})

async function emptyCart(): Promise<string> {
  const { body: regions } = await client.call("GET", "/store/regions")
  const created = await client.call("POST", "/store/carts", { region_id: regions.regions[0].id })
  expect(created.status).toBe(200)
  return created.body.cart.id
}

async function lines(cartId: string): Promise<Record<string, number>> {
  const { body } = await client.call("GET", `/store/carts/${cartId}?fields=*items`)
  return Object.fromEntries(body.cart.items.map((i: any) => [i.variant_id, i.quantity]))
}

async function stock(sku: string) {
  const [row] = await sql(
    app,
    (db) => db`select l.stocked_quantity::int as stocked, l.reserved_quantity::int as reserved, i.id as item, l.location_id as location
      from inventory_level l join inventory_item i on i.id = l.inventory_item_id
      where i.sku = ${sku} and l.deleted_at is null and i.deleted_at is null`
  )
  return row as { stocked: number; reserved: number; item: string; location: string }
}

async function setStock(sku: string, stocked: number) {
  const { item, location } = await stock(sku)
  const res = await admin("POST", `/admin/inventory-items/${item}/location-levels/${location}`, { stocked_quantity: stocked })
  expect(res.status).toBe(200)
}

function expectRefusal(res: { status: number; body: any }, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  expect(res.body.code).toBe(code)
  expect(res.body.message).toEqual(expect.any(String))
  expect(res.body.message_th).toMatch(/[\u0E00-\u0E7F]/)
}

describe("quantity limits on store carts (defaults: 10 per product, 30 per order)", () => {
  it("adding more than 10 of one product is refused, at once or in steps, and the cart keeps what it had", async () => {
    const cart = await emptyCart()
    const tooMany = await client.call("POST", `/store/carts/${cart}/line-items`, { variant_id: variants["MM-OIL-30"], quantity: 11 })
    expectRefusal(tooMany, "line_quantity_limit")
    expect(tooMany.body.limit).toBe(10)
    expect(tooMany.body.message_th).toContain("10 ชิ้น")
    expect(await lines(cart)).toEqual({})

    expect((await client.call("POST", `/store/carts/${cart}/line-items`, { variant_id: variants["MM-OIL-30"], quantity: 6 })).status).toBe(200)
    // Adding the same product again is merged into its line: 6 + 5 = 11.
    const merged = await client.call("POST", `/store/carts/${cart}/line-items`, { variant_id: variants["MM-OIL-30"], quantity: 5 })
    expectRefusal(merged, "line_quantity_limit")
    expect(await lines(cart)).toEqual({ [variants["MM-OIL-30"]!]: 6 })
    expect((await client.call("POST", `/store/carts/${cart}/line-items`, { variant_id: variants["MM-OIL-30"], quantity: 4 })).status).toBe(200)
    expect(await lines(cart)).toEqual({ [variants["MM-OIL-30"]!]: 10 })
  })

  it("raising a line above 10 is refused; lowering it and removing it always work", async () => {
    const cart = await emptyCart()
    const added = await client.call("POST", `/store/carts/${cart}/line-items`, { variant_id: variants["MM-CB-1"], quantity: 2 })
    const lineId = added.body.cart.items[0].id
    expectRefusal(await client.call("POST", `/store/carts/${cart}/line-items/${lineId}`, { quantity: 11 }), "line_quantity_limit")
    expect(await lines(cart)).toEqual({ [variants["MM-CB-1"]!]: 2 })
    expect((await client.call("POST", `/store/carts/${cart}/line-items/${lineId}`, { quantity: 10 })).status).toBe(200)
    expect((await client.call("POST", `/store/carts/${cart}/line-items/${lineId}`, { quantity: 1 })).status).toBe(200)
    expect((await client.call("POST", `/store/carts/${cart}/line-items/${lineId}`, { quantity: 0 })).status).toBe(200)
    expect(await lines(cart)).toEqual({})
  })

  it("more than 30 units in all is refused, and so is a new cart created with too many", async () => {
    const cart = await emptyCart()
    for (const sku of ["MM-OIL-30", "MM-OIL-100", "MM-CB-1"]) {
      expect((await client.call("POST", `/store/carts/${cart}/line-items`, { variant_id: variants[sku], quantity: 10 })).status).toBe(200)
    }
    const over = await client.call("POST", `/store/carts/${cart}/line-items`, { variant_id: variants["MM-CB-2"], quantity: 1 })
    expectRefusal(over, "order_quantity_limit")
    expect(over.body.limit).toBe(30)
    expect(Object.values(await lines(cart)).reduce((a, b) => a + b, 0)).toBe(30)

    const { body: regions } = await client.call("GET", "/store/regions")
    const before = await sql(app, (db) => db`select count(*)::int as n from cart`)
    const created = await client.call("POST", "/store/carts", { region_id: regions.regions[0].id, items: [{ variant_id: variants["MM-CB-2"], quantity: 12 }] })
    expectRefusal(created, "line_quantity_limit")
    expect(await sql(app, (db) => db`select count(*)::int as n from cart`)).toEqual(before)
  })

  it("completion refuses a cart over the limits however it got there (here: filled under a higher limit)", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-100", quantity: 2 }], "bulk@example.com")
    expect((await client.startPayment(cart.id, "pp_system_default")).status).toBe(200)
    await sql(app, (db) => db`update cart_line_item set quantity = 12 where cart_id = ${cart.id}`)
    const before = await stock("MM-OIL-100")

    const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expectRefusal(completed, "line_quantity_limit")
    expect(await sql(app, (db) => db`select count(*)::int as n from order_cart where cart_id = ${cart.id}`)).toEqual([{ n: 0 }])
    expect(await stock("MM-OIL-100")).toEqual(before)
    const { body } = await client.call("GET", `/store/carts/${cart.id}`)
    expect(body.cart.completed_at).toBeNull()
  })
})

describe("stock refusals say so, with their own code", () => {
  it("adding more than is in stock: 400 out_of_stock in English and Thai", async () => {
    await setStock("MM-CB-2", 3)
    const cart = await emptyCart()
    const res = await client.call("POST", `/store/carts/${cart}/line-items`, { variant_id: variants["MM-CB-2"], quantity: 4 })
    expectRefusal(res, "out_of_stock")
    expect(await lines(cart)).toEqual({})
  })

  it("another order takes the units before this cart is completed: 400 out_of_stock naming the short line, cart intact", async () => {
    await setStock("MM-CB-2", 3)
    const { cart } = await client.cartReadyToPay([{ sku: "MM-CB-2", quantity: 3 }], "late@example.com")
    expect((await client.startPayment(cart.id, "pp_system_default")).status).toBe(200)
    const first = await client.cartReadyToPay([{ sku: "MM-CB-2", quantity: 2 }], "early@example.com")
    expect((await client.startPayment(first.cart.id, "pp_system_default")).status).toBe(200)
    expect((await client.call("POST", `/store/carts/${first.cart.id}/complete`)).body.type).toBe("order")

    const refused = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expectRefusal(refused, "out_of_stock")
    const { body } = await client.call("GET", `/store/carts/${cart.id}`)
    expect(refused.body.lines).toEqual([
      { id: body.cart.items[0].id, variant_id: variants["MM-CB-2"], title: expect.any(String), quantity: 3, available: 1 },
    ])
    expect(refused.body.message_th).toContain("เหลือ 1 ชิ้น")
    expect(body.cart.completed_at).toBeNull()
    expect(body.cart.items[0].quantity).toBe(3)
  })
})

describe("unconfirmed bank-transfer / cash-on-delivery orders expire (MANUAL_PAYMENT_UNPAID_TTL_MINUTES, default 3 days)", () => {
  async function placeManualOrder(sku: string, quantity: number, email: string) {
    const { cart } = await client.cartReadyToPay([{ sku, quantity }], email)
    expect((await client.startPayment(cart.id, "pp_system_default")).status).toBe(200)
    const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(completed.body.type).toBe("order")
    const order = completed.body.order
    const [payment] = await sql(
      app,
      (db) => db`select p.id from payment p join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id
        where opc.order_id = ${order.id} and p.deleted_at is null`
    )
    return { id: order.id as string, paymentId: payment!.id as string, items: order.items as { id: string; quantity: number }[] }
  }

  /** Time passing: the payment was made `hours` ago. */
  async function age(paymentId: string, hours: number) {
    await sql(app, (db) => db`update payment set created_at = now() - make_interval(hours => ${hours}) where id = ${paymentId}`)
  }

  async function orderStatus(id: string): Promise<string> {
    const { body } = await admin("GET", `/admin/orders/${id}?fields=id,status`)
    return body.order.status
  }

  it("cancels only the unpaid, unshipped order older than the limit, and its stock comes back", async () => {
    await setStock("MM-OIL-30", 30)
    const start = await stock("MM-OIL-30")
    const unpaid = await placeManualOrder("MM-OIL-30", 3, "unpaid@example.com")
    const paid = await placeManualOrder("MM-OIL-30", 2, "paid@example.com")
    const shipped = await placeManualOrder("MM-OIL-30", 1, "cod@example.com")
    const fresh = await placeManualOrder("MM-OIL-30", 4, "fresh@example.com")
    expect((await stock("MM-OIL-30")).reserved).toBe(start.reserved + 10)

    // The group saw the transfer (captured) / sent the cash-on-delivery parcel (a fulfillment).
    expect((await admin("POST", `/admin/payments/${paid.paymentId}/capture`, {})).status).toBe(200)
    const fulfilled = await admin("POST", `/admin/orders/${shipped.id}/fulfillments`, { items: shipped.items.map((i) => ({ id: i.id, quantity: i.quantity })) })
    expect(fulfilled.status, JSON.stringify(fulfilled.body)).toBe(200)
    const afterShipping = await stock("MM-OIL-30")

    for (const order of [unpaid, paid, shipped]) await age(order.paymentId, 73)
    await age(fresh.paymentId, 71)

    // What the scheduled job does, with the setting's default (no older_than_minutes).
    const released = await admin("POST", "/admin/manual-payments/release-unpaid", {})
    expect(released.status).toBe(200)
    expect(released.body.order_ids).toEqual([unpaid.id])
    expect(await orderStatus(unpaid.id)).toBe("canceled")
    expect(await orderStatus(paid.id)).toBe("pending")
    expect(await orderStatus(shipped.id)).not.toBe("canceled")
    expect(await orderStatus(fresh.id)).toBe("pending")
    // Its 3 units are free again: Medusa's cancel workflow removed the reservation.
    expect(await stock("MM-OIL-30")).toEqual({ ...afterShipping, reserved: afterShipping.reserved - 3 })
    const reservations = await sql(
      app,
      (db) => db`select count(*)::int as n from reservation_item r where r.deleted_at is null
        and r.line_item_id in (select oi.item_id from order_item oi where oi.order_id = ${unpaid.id})`
    )
    expect(reservations).toEqual([{ n: 0 }])

    // A second run finds nothing more; the PromptPay release does not touch bank transfers.
    expect((await admin("POST", "/admin/manual-payments/release-unpaid", {})).body.order_ids).toEqual([])
    await age(fresh.paymentId, 73)
    expect((await admin("POST", "/admin/promptpay/release-unpaid", { older_than_minutes: 1 })).body.order_ids).toEqual([])
    expect((await admin("POST", "/admin/manual-payments/release-unpaid", {})).body.order_ids).toEqual([fresh.id])
  })

  it("refuses a bad time limit and anonymous callers", async () => {
    expect((await admin("POST", "/admin/manual-payments/release-unpaid", { older_than_minutes: "soon" })).status).toBe(400)
    expect((await admin("POST", "/admin/manual-payments/release-unpaid", { older_than_minutes: 0 })).status).toBe(400)
    const anonymous = await fetch(`${app.medusaUrl}/admin/manual-payments/release-unpaid`, { method: "POST" })
    expect(anonymous.status).toBe(401)
  })
})
