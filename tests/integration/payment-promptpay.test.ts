import jsQR from "jsqr"
import { PNG } from "pngjs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { buyerAt, sql, storeClient } from "../support/payment-cart"

// Native PromptPay (no Stripe): the QR for the exact total, the order waiting for a group member to
// confirm (capture) or cancel it, and unconfirmed orders giving their stock back after the time limit.

const PROMPTPAY_ID = "0812345678"
let app: TestApp
let client: ReturnType<typeof storeClient>
let admin: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>

beforeAll(async () => {
  app = await startTestApp({ env: { PROMPTPAY_ID } })
  client = storeClient(app)
  const token = await client.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD)
  admin = (method, path, body) => client.call(method, path, body, token)
})

afterAll(async () => {
  await app?.stop()
})

async function stock(sku: string) {
  const [row] = await sql(
    app,
    (db) => db`select l.stocked_quantity::int as stocked, l.reserved_quantity::int as reserved
      from inventory_level l join inventory_item i on i.id = l.inventory_item_id
      where i.sku = ${sku} and l.deleted_at is null and i.deleted_at is null`
  )
  return row as { stocked: number; reserved: number }
}

/** A placed PromptPay order: what the customer gets after scanning nothing yet. */
async function placeOrder(sku: string, quantity: number) {
  const { cart } = await client.cartReadyToPay([{ sku, quantity }])
  const session = await client.startPayment(cart.id, "pp_promptpay_promptpay")
  expect(session.status).toBe(200)
  const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
  expect(completed.body.type).toBe("order")
  return { cart, session: session.body.payment_collection.payment_sessions[0], order: completed.body.order }
}

async function storeOrder(id: string) {
  // Read as the storefront reads a guest's order (decision 0025: only it or the order's customer may).
  const { status, body } = await client.call("GET", `/store/orders/${id}?fields=+payment_collections.payments.*`, undefined, undefined, buyerAt(app, "127.0.0.1"))
  expect(status).toBe(200)
  return body.order
}

describe("native PromptPay QR", () => {
  it("is offered next to bank transfer when PROMPTPAY_ID is set", async () => {
    const { body: regions } = await client.call("GET", "/store/regions")
    const { body } = await client.call("GET", `/store/payment-providers?region_id=${regions.regions[0].id}`)
    expect(body.payment_providers.map((p: { id: string }) => p.id).sort()).toEqual(["pp_promptpay_promptpay", "pp_system_default"])
  })

  it("shows a QR for the exact total that decodes to the group's PromptPay payload", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 2 }])
    const session = await client.startPayment(cart.id, "pp_promptpay_promptpay")
    const data = session.body.payment_collection.payment_sessions[0].data
    expect(data.promptpay_amount).toBe(2 * 159 + 60)
    expect(data.promptpay_id_masked).toBe("xxxxxx5678")
    expect(data.payload).toContain("5406378.00")
    expect(data.payload).toContain("0066812345678")
    const png = PNG.sync.read(Buffer.from(data.qr_data_url.split(",")[1], "base64"))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(data.payload)

    // Changing the cart changes the amount in the QR.
    const { body } = await client.call("GET", `/store/carts/${cart.id}`)
    await client.call("POST", `/store/carts/${cart.id}/line-items/${body.cart.items[0].id}`, { quantity: 1 })
    const again = await client.startPayment(cart.id, "pp_promptpay_promptpay")
    const updated = again.body.payment_collection.payment_sessions[0].data
    expect(updated.promptpay_amount).toBe(159 + 60)
    expect(updated.payload).toContain("5406219.00")
  })

  it("places the order as awaiting payment, holding the stock, until a group member confirms the money arrived", async () => {
    const before = await stock("MM-OIL-100")
    const { order } = await placeOrder("MM-OIL-100", 2)
    expect((await stock("MM-OIL-100")).reserved).toBe(before.reserved + 2)

    const waiting = await storeOrder(order.id)
    expect(waiting.payment_status).toBe("authorized")
    const payment = waiting.payment_collections[0].payments[0]
    expect(payment.provider_id).toBe("pp_promptpay_promptpay")
    expect(payment.data.status).toBe("awaiting_payment")
    expect(payment.data.qr_data_url).toMatch(/^data:image\/png;base64,/)

    // The admin's "capture" is the confirmation.
    const captured = await admin("POST", `/admin/payments/${payment.id}/capture`, {})
    expect(captured.status).toBe(200)
    const paid = await storeOrder(order.id)
    expect(paid.payment_status).toBe("captured")
    expect(paid.payment_collections[0].payments[0].data.status).toBe("confirmed")
    // Confirmed orders are never released, however old.
    const released = await admin("POST", "/admin/promptpay/release-unpaid", { older_than_minutes: 0.001 })
    expect(released.body.order_ids).not.toContain(order.id)
    expect((await storeOrder(order.id)).status).toBe("pending")
  })

  it("cancelling an unpaid order releases its stock and cancels the payment", async () => {
    const before = await stock("MM-CB-1")
    const { order } = await placeOrder("MM-CB-1", 3)
    expect((await stock("MM-CB-1")).reserved).toBe(before.reserved + 3)

    const cancelled = await admin("POST", `/admin/orders/${order.id}/cancel`, {})
    expect(cancelled.status).toBe(200)
    expect((await stock("MM-CB-1")).reserved).toBe(before.reserved)
    const after = await storeOrder(order.id)
    expect(after.status).toBe("canceled")
    expect(after.payment_collections[0].payments[0].canceled_at).not.toBeNull()
    expect(after.payment_collections[0].payments[0].data.status).toBe("cancelled")
  })

  it("releases the stock of orders left unpaid longer than the time limit, and only those", async () => {
    const before = await stock("MM-CB-2")
    const old = await placeOrder("MM-CB-2", 1)
    await new Promise((r) => setTimeout(r, 3000))
    const beforeRecent = Date.now()
    const recent = await placeOrder("MM-CB-2", 1)
    expect((await stock("MM-CB-2")).reserved).toBe(before.reserved + 2)

    // The scheduled job's logic with a limit of seconds instead of PROMPTPAY_UNPAID_TTL_MINUTES: 1.5 s more
    // than the recent order's age, 1.5 s less than the old one's.
    const limit = (Date.now() - beforeRecent + 1500) / 60_000
    const released = await admin("POST", "/admin/promptpay/release-unpaid", { older_than_minutes: limit })
    expect(released.status).toBe(200)
    expect(released.body.order_ids).toEqual([old.order.id])
    expect((await stock("MM-CB-2")).reserved).toBe(before.reserved + 1)
    expect((await storeOrder(old.order.id)).status).toBe("canceled")
    expect((await storeOrder(recent.order.id)).status).toBe("pending")

    // Later the recent one is released too; the cancelled one is not touched again.
    await new Promise((r) => setTimeout(r, 1000))
    const later = await admin("POST", "/admin/promptpay/release-unpaid", { older_than_minutes: 0.5 / 60 })
    expect(later.body.order_ids).toEqual([recent.order.id])
    expect((await stock("MM-CB-2")).reserved).toBe(before.reserved)
  })

  it("refuses a time limit that is not a positive number of minutes, and anonymous callers", async () => {
    const bad = await admin("POST", "/admin/promptpay/release-unpaid", { older_than_minutes: "soon" })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/older_than_minutes/)
    expect((await admin("POST", "/admin/promptpay/release-unpaid", { older_than_minutes: -5 })).status).toBe(400)
    const anonymous = await fetch(`${app.medusaUrl}/admin/promptpay/release-unpaid`, { method: "POST" })
    expect(anonymous.status).toBe(401)
  })
})
