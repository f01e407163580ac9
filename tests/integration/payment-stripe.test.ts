import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../support/app"
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe"
import { buyerAt, sql, storeClient, waitFor } from "../support/payment-cart"

// Stripe cards and PromptPay-through-Stripe against the real Medusa app, with Stripe's API faked
// at the network edge (tests/support/fake-stripe.ts) and webhooks signed by the stripe library.

let app: TestApp
let stripe: FakeStripe
let client: ReturnType<typeof storeClient>

beforeAll(async () => {
  stripe = await startFakeStripe()
  app = await startTestApp({ env: stripe.env })
  client = storeClient(app)
})

afterAll(async () => {
  await app?.stop()
  await stripe?.close()
})

async function postWebhook(body: string, signature: string | null, provider = "stripe_stripe") {
  const res = await fetch(`${app.medusaUrl}/hooks/payment/${provider}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    body,
  })
  const text = await res.text()
  return { status: res.status, text }
}

async function ordersOfCart(cartId: string) {
  return sql(app, (db) => db`select order_id from order_cart where cart_id = ${cartId} and deleted_at is null`)
}

async function paymentsOfCart(cartId: string) {
  return sql(
    app,
    (db) => db`select p.id, p.provider_id, p.captured_at, p.amount::numeric as amount,
        (select count(*)::int from capture c where c.payment_id = p.id and c.deleted_at is null) as captures
      from payment p
      join cart_payment_collection cpc on cpc.payment_collection_id = p.payment_collection_id and cpc.deleted_at is null
      where cpc.cart_id = ${cartId} and p.deleted_at is null`
  )
}

describe("Stripe payments (fake Stripe at the network edge)", () => {
  it("offers Stripe cards, PromptPay through Stripe and bank transfer in Thailand", async () => {
    const { body: regions } = await client.call("GET", "/store/regions")
    const { status, body } = await client.call("GET", `/store/payment-providers?region_id=${regions.regions[0].id}`)
    expect(status).toBe(200)
    expect(body.payment_providers.map((p: { id: string }) => p.id).sort()).toEqual(
      ["pp_stripe-promptpay_stripe", "pp_stripe_stripe", "pp_system_default"].sort()
    )
  })

  it("completes a paid card order and captures the payment", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 2 }])
    expect(cart.total).toBe(2 * 159 + 60)
    const session = await client.startPayment(cart.id, "pp_stripe_stripe")
    expect(session.status).toBe(200)
    const data = session.body.payment_collection.payment_sessions[0].data
    // Stripe counts baht in satang; the storefront's Payment Element needs the client secret.
    expect(data.amount).toBe((2 * 159 + 60) * 100)
    expect(data.currency).toBe("thb")
    expect(data.client_secret).toMatch(/^pi_\w+_secret_\w+$/)
    expect(data.metadata.session_id).toBe(session.body.payment_collection.payment_sessions[0].id)

    const confirmed = await stripe.confirm(data.id, "pm_card_visa")
    expect(confirmed.body.status).toBe("succeeded")

    const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(completed.status).toBe(200)
    expect(completed.body.type).toBe("order")
    expect(completed.body.order.total).toBe(378)
    // The order route computes payment_status (the completion answer does not carry it).
    // Read as the storefront reads a guest's order (decision 0025: only it or the order's customer may).
    const { body: placed } = await client.call("GET", `/store/orders/${completed.body.order.id}`, undefined, undefined, buyerAt(app, "127.0.0.1"))
    expect(placed.order.payment_status).toBe("captured")

    const payments = await paymentsOfCart(cart.id)
    expect(payments).toHaveLength(1)
    expect(payments[0].provider_id).toBe("pp_stripe_stripe")
    expect(payments[0].captured_at).not.toBeNull()
    expect(await ordersOfCart(cart.id)).toHaveLength(1)
  })

  it("says clearly that a card was declined and leaves the cart as it was", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-CB-1", quantity: 1 }])
    const session = await client.startPayment(cart.id, "pp_stripe_stripe")
    const intentId = session.body.payment_collection.payment_sessions[0].data.id

    const unpaid = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(unpaid.status).toBe(400)
    expect(unpaid.body.code).toBe("payment_not_completed")

    // What Stripe.js shows the customer at the Payment Element.
    const declined = await stripe.confirm(intentId, "pm_card_chargeDeclined")
    expect(declined.status).toBe(402)
    expect(declined.body.error.message).toBe("Your card was declined.")

    const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(completed.status).toBe(400)
    expect(completed.body.code).toBe("payment_declined")
    expect(completed.body.message).toBe(
      "The payment was declined: Your card was declined. Nothing was charged for this attempt and the cart is unchanged. Try another card or another payment method."
    )

    const { body } = await client.call("GET", `/store/carts/${cart.id}`)
    expect(body.cart.completed_at).toBeNull()
    expect(body.cart.items).toHaveLength(1)
    expect(body.cart.items[0].quantity).toBe(1)
    expect(body.cart.total).toBe(250 + 60)
    expect(await ordersOfCart(cart.id)).toHaveLength(0)

    // The customer tries another card on the same intent and the same cart.
    const retried = await stripe.confirm(intentId, "pm_card_visa")
    expect(retried.body.status).toBe("succeeded")
    const retriedCompletion = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(retriedCompletion.body).toMatchObject({ type: "order" })
  })

  it("does not place the order while 3-D Secure is pending, and does once it has passed", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-100", quantity: 1 }])
    const session = await client.startPayment(cart.id, "pp_stripe_stripe")
    const intentId = session.body.payment_collection.payment_sessions[0].data.id
    const confirmed = await stripe.confirm(intentId, "pm_card_threeDSecure2Required")
    expect(confirmed.body.status).toBe("requires_action")

    const early = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(early.status).toBe(200)
    expect(early.body.type).toBe("cart")
    expect(early.body.error.code).toBe("payment_requires_more")
    expect(early.body.cart.id).toBe(cart.id)
    expect(await ordersOfCart(cart.id)).toHaveLength(0)

    stripe.completeAction(intentId)
    const completed = await client.call("POST", `/store/carts/${cart.id}/complete`)
    expect(completed.body.type).toBe("order")
  })

  it("refuses a webhook without a valid Stripe signature", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 1 }])
    const session = await client.startPayment(cart.id, "pp_stripe_stripe")
    const intent = stripe.intents.get(session.body.payment_collection.payment_sessions[0].data.id)!
    await stripe.confirm(intent.id, "pm_card_visa")

    const forged = stripe.webhook("payment_intent.succeeded", intent, { secret: "whsec_someone_else" })
    const wrongSecret = await postWebhook(forged.body, forged.signature)
    expect(wrongSecret.status).toBe(400)
    expect(JSON.parse(wrongSecret.text).message).toMatch(/signature/i)

    const genuine = stripe.webhook("payment_intent.succeeded", intent)
    const tampered = await postWebhook(genuine.body.replace(`"amount": ${intent.amount}`, `"amount": 1`), genuine.signature)
    expect(tampered.status).toBe(400)
    expect((await postWebhook(genuine.body, null)).status).toBe(400)

    // Nothing happened to the cart after Medusa's webhook delay.
    await new Promise((r) => setTimeout(r, 7_000))
    expect(await ordersOfCart(cart.id)).toHaveLength(0)
    expect(await paymentsOfCart(cart.id)).toHaveLength(0)
  })

  it("turns payment_intent.succeeded delivered 5 times and out of order into one order and one captured payment", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-CB-2", quantity: 1 }])
    const session = await client.startPayment(cart.id, "pp_stripe_stripe")
    const intentId = session.body.payment_collection.payment_sessions[0].data.id
    const created = structuredClone(stripe.intents.get(intentId)!)
    await stripe.confirm(intentId, "pm_card_visa")
    const succeeded = stripe.intents.get(intentId)!
    expect(succeeded.status).toBe("succeeded")
    // The customer closed the tab before the storefront completed the cart: only webhooks remain.

    const deliveries = [
      stripe.webhook("payment_intent.succeeded", succeeded),
      stripe.webhook("payment_intent.created", created),
      stripe.webhook("payment_intent.succeeded", succeeded),
      stripe.webhook("payment_intent.succeeded", succeeded),
      stripe.webhook("payment_intent.processing", { ...created, status: "processing" }),
      stripe.webhook("payment_intent.succeeded", succeeded),
      stripe.webhook("payment_intent.succeeded", succeeded),
    ]
    const results = await Promise.all(deliveries.map((d) => postWebhook(d.body, d.signature)))
    expect(results.map((r) => r.status)).toEqual(deliveries.map(() => 200))

    const orders = await waitFor("the order from the webhook", async () => {
      const rows = await ordersOfCart(cart.id)
      return rows.length > 0 ? rows : null
    })
    // Let every delivery (and Medusa's retries) run before counting.
    await new Promise((r) => setTimeout(r, 12_000))
    expect(await ordersOfCart(cart.id)).toHaveLength(1)
    const payments = await paymentsOfCart(cart.id)
    expect(payments).toHaveLength(1)
    expect(payments[0].captured_at).not.toBeNull()
    expect(payments[0].captures).toBe(1)
    expect(Number(payments[0].amount)).toBe(460 + 60)

    const { body: cartAfter } = await client.call("GET", `/store/carts/${cart.id}`)
    expect(cartAfter.cart.completed_at).not.toBeNull()
    expect(orders[0].order_id).toMatch(/^order_/)
  })

  it("shows Stripe's PromptPay QR and completes the order when the webhook says it was paid", async () => {
    const { cart } = await client.cartReadyToPay([{ sku: "MM-OIL-30", quantity: 1 }])
    const session = await client.startPayment(cart.id, "pp_stripe-promptpay_stripe")
    expect(session.status).toBe(200)
    const data = session.body.payment_collection.payment_sessions[0].data
    expect(data.payment_method_types).toEqual(["promptpay"])
    expect(data.capture_method).toBe("automatic")

    const confirmed = await stripe.confirm(data.id, "promptpay")
    expect(confirmed.body.status).toBe("requires_action")
    expect(confirmed.body.next_action.type).toBe("promptpay_display_qr_code")
    expect(confirmed.body.next_action.promptpay_display_qr_code.image_url_png).toMatch(/^https:\/\//)

    const paid = stripe.completeAction(data.id)
    const delivery = stripe.webhook("payment_intent.succeeded", paid)
    expect((await postWebhook(delivery.body, delivery.signature, "stripe-promptpay_stripe")).status).toBe(200)

    await waitFor("the PromptPay order", async () => (await ordersOfCart(cart.id)).length > 0)
    const payments = await paymentsOfCart(cart.id)
    expect(payments).toHaveLength(1)
    expect(payments[0].provider_id).toBe("pp_stripe-promptpay_stripe")
    expect(payments[0].captured_at).not.toBeNull()
  })
})
