import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { applyBasisPoints, bangkokToday, netOfVat, splitEvenly, splitLargestRemainder } from "@mae-mok/traceability"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe"
import { storeClient, waitFor } from "../support/payment-cart"

// Sales shares of an order paid by card (issue 13): Stripe faked at the network edge (tests/support/fake-stripe.ts,
// webhooks signed by the stripe library), the order placed by the webhook alone (the buyer closed the tab), units
// allocated by the packing table's FIFO fulfilment. The households' shares add up to rule × each line to the
// satang, and webhooks delivered twice (before and after the shares were booked) book once.

const GLOBAL_BP = 1000 // 10 % for every product …
const OIL_BP = 1250 // … and 12.5 % for the oil (a product's own rule wins)
const today = bangkokToday()
const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }
/** Each household's kg in each batch: awkward thirds, so the split needs its largest remainders. */
const KG = { "MM-OIL-30": [0.333, 0.333, 0.334], "MM-CB-1": [0.25, 0.4, 0.35] } as const
type Sku = keyof typeof KG

let stripe: FakeStripe
let app: TestApp
let api: AdminApi
let db: postgres.Sql
let client: ReturnType<typeof storeClient>
const householdIds: string[] = []
const product: Record<Sku, { productId: string; variantId: string; batchId: string }> = {} as never
/** The first test's order, refunded in part by the second. */
let paidByCard: { orderId: string; paymentId: string; intentId: string; lines: { lineItemId: string; paidSatang: number; bp: number }[] }

beforeAll(async () => {
  stripe = await startFakeStripe()
  app = await startTestApp({ env: stripe.env })
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  db = postgres(app.db.url, { max: 2, onnotice: () => undefined })
  client = storeClient(app)

  const species = (await api.ok("POST", "/admin/herb-species", { thai_name: "ไพล", scientific_name: "Zingiber montanum (card)", part_used: "เหง้า" })).herb_species
  const lots: Json[] = []
  for (let i = 0; i < 3; i++) {
    const household = (await api.ok("POST", "/admin/households", { code: `MM-H-60${i}`, alias: `สวนบัตร ${i}`, ...place })).household
    const plot = (await api.ok("POST", "/admin/plots", { code: `MM-P-60${i}1`, household_id: household.id, species_ids: [species.id], ...place })).plot
    await api.ok("POST", "/admin/certifications", {
      plot_id: plot.id, scheme: "TH-GAP", certificate_number: `GAP CARD-${i}`, certifying_body: "กรมวิชาการเกษตร", valid_from: "2025-01-01", valid_until: "2030-12-31",
    })
    lots.push((await api.ok("POST", "/admin/harvests", { plot_id: plot.id, species_id: species.id, harvested_on: today, kg: 1 })).harvest)
    householdIds.push(household.id)
  }
  const { products } = await api.ok("GET", "/admin/products?fields=id,variants.id,variants.sku&limit=50")
  // The seed's own released batches of these variants are put on hold: FIFO takes this test's batches.
  const { batches: released } = await api.ok("GET", "/admin/batches?status=released")
  for (const b of released as Json[]) {
    const full = (await api.ok("GET", `/admin/batches/${b.id}`)).batch
    if (full.variant?.sku in KG) await api.ok("POST", `/admin/batches/${b.id}/hold`, { reason: "test: only this test's batches are free" })
  }
  for (const sku of Object.keys(KG) as Sku[]) {
    const p = (products as Json[]).find((x) => x.variants.some((v: Json) => v.sku === sku))!
    const variantId = p.variants.find((v: Json) => v.sku === sku).id
    const batch = (
      await api.ok("POST", "/admin/batches", {
        variant_id: variantId, produced_on: today, units_planned: 20, issue_units: 20, inputs: lots.map((l, i) => ({ harvest_lot_id: l.id, kg: KG[sku][i] })),
      })
    ).batch
    await api.ok("POST", `/admin/batches/${batch.id}/release`, {})
    product[sku] = { productId: p.id, variantId, batchId: batch.id }
  }
  await api.ok("POST", "/admin/share-rules", { product_id: null, basis_points: GLOBAL_BP, valid_from: today })
  await api.ok("POST", "/admin/share-rules", { product_id: product["MM-OIL-30"].productId, basis_points: OIL_BP, valid_from: today })
})

afterAll(async () => {
  await db?.end()
  await app?.stop()
  await stripe?.close()
})

async function postWebhook(delivery: { body: string; signature: string }) {
  const res = await fetch(`${app.medusaUrl}/hooks/payment/stripe_stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": delivery.signature },
    body: delivery.body,
  })
  return res.status
}

async function entries(orderId: string) {
  return db`select household_id, kind, satang::int as satang, idempotency_key, source->>'lineItemId' as line_item_id from ledger_entry where order_id = ${orderId} order by idempotency_key`
}
const sum = (rows: readonly Record<string, unknown>[]) => rows.reduce((s, r) => s + Number(r.satang), 0)

describe("sales shares of an order paid by card", () => {
  it("books rule × each line to the satang once the units are packed, and once only when the webhook comes twice", async () => {
    const lines = [
      { sku: "MM-OIL-30" as Sku, quantity: 3, unitSatang: 15900, bp: OIL_BP },
      { sku: "MM-CB-1" as Sku, quantity: 2, unitSatang: 25000, bp: GLOBAL_BP },
    ]
    const { cart } = await client.cartReadyToPay(lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), "card-shares@example.com")
    const session = await client.startPayment(cart.id, "pp_stripe_stripe")
    expect(session.status, JSON.stringify(session.body)).toBe(200)
    const intentId = session.body.payment_collection.payment_sessions[0].data.id
    expect((await stripe.confirm(intentId, "pm_card_visa")).body.status).toBe("succeeded")

    // The buyer closed the tab: Stripe's webhook places the order, and Stripe delivers it twice.
    const succeeded = stripe.intents.get(intentId)!
    const first = [stripe.webhook("payment_intent.succeeded", succeeded), stripe.webhook("payment_intent.succeeded", succeeded)]
    expect(await Promise.all(first.map(postWebhook))).toEqual([200, 200])
    const [placed] = await waitFor("the order from the webhook", async () => {
      const rows = await db`select order_id from order_cart where cart_id = ${cart.id} and deleted_at is null`
      return rows.length > 0 && rows
    })
    const orderId = placed!.order_id as string
    const payments = await waitFor("the captured card payment", async () => {
      const rows = await db`select p.id, (select count(*)::int from capture c where c.payment_id = p.id and c.deleted_at is null) as captures
        from payment p join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id and opc.deleted_at is null
        where opc.order_id = ${orderId} and p.deleted_at is null and p.captured_at is not null`
      return rows.length > 0 && rows
    })
    expect(payments.map((p) => p.captures)).toEqual([1])
    // Paid, not yet packed: nothing to attribute to households yet.
    const waiting = await api.ok("POST", `/admin/orders/${orderId}/household-shares`)
    expect(waiting.waiting.map((w: Json) => w.reason)).toEqual(["not_allocated", "not_allocated"])
    expect(await entries(orderId)).toEqual([])

    // Packed: FIFO fulfilment allocates the units; its event books the shares.
    const fulfil = await api.call("POST", `/admin/orders/${orderId}/packing/fulfil`, { fill: true })
    expect(fulfil.status, JSON.stringify(fulfil.body)).toBe(200)
    const booked = await waitFor("the card order's shares", async () => {
      const rows = await entries(orderId)
      return new Set(rows.map((r) => r.line_item_id)).size === 2 && rows
    })

    // Independently: each line's share is the rule on its net of VAT, split evenly over its units, each unit's
    // part over its batch's households by their grams (largest remainder).
    const items = await db`select li.id, li.variant_id from order_line_item li join order_item oi on oi.item_id = li.id where oi.order_id = ${orderId} and oi.deleted_at is null`
    let wholeOrder = 0
    for (const line of lines) {
      const item = items.find((i) => i.variant_id === product[line.sku].variantId)!
      const lineShare = applyBasisPoints(netOfVat(line.unitSatang * line.quantity), line.bp)
      wholeOrder += lineShare
      const rows = booked.filter((r) => r.line_item_id === item.id)
      expect(sum(rows), line.sku).toBe(lineShare)
      const units = (await db`select id, batch_id from unit_allocation where line_item_id = ${item.id} order by id`).map((u) => ({ id: u.id as string, batch: u.batch_id as string }))
      expect(units).toHaveLength(line.quantity)
      expect(new Set(units.map((u) => u.batch))).toEqual(new Set([product[line.sku].batchId]))
      const grams = KG[line.sku].map((kg) => Math.round(kg * 1000))
      const expected = new Map<string, number>()
      for (const part of splitEvenly(lineShare, units.map((u) => u.id))) {
        splitLargestRemainder(part, grams, { keys: householdIds }).forEach((s, i) => expected.set(householdIds[i]!, (expected.get(householdIds[i]!) ?? 0) + s))
      }
      for (const h of householdIds) expect(sum(rows.filter((r) => r.household_id === h)), `${line.sku} ${h}`).toBe(expected.get(h))
    }
    // 3 × ฿159 at 12.5 % and 2 × ฿250 at 10 %, ex VAT: ฿55.72 + ฿46.73.
    expect(wholeOrder).toBe(5572 + 4673)
    paidByCard = {
      orderId,
      paymentId: payments[0]!.id as string,
      intentId,
      lines: lines.map((l) => ({ lineItemId: items.find((i) => i.variant_id === product[l.sku].variantId)!.id as string, paidSatang: l.unitSatang * l.quantity, bp: l.bp })),
    }
    expect(sum(booked)).toBe(wholeOrder)
    expect(booked.every((r) => r.kind === "sales_share" && r.satang > 0)).toBe(true)

    // Stripe redelivers the webhook twice more after the shares were booked: nothing changes.
    expect(await Promise.all([0, 1].map(() => postWebhook(stripe.webhook("payment_intent.succeeded", succeeded))))).toEqual([200, 200])
    // Medusa handles webhooks a few seconds later (and retries): let every delivery run before counting.
    await new Promise((r) => setTimeout(r, 12_000))
    expect(await entries(orderId)).toEqual(booked)
    const again = await api.ok("POST", `/admin/orders/${orderId}/household-shares`)
    expect(again.booked).toBe(0)
    expect(again.total_satang).toBe(wholeOrder)
    const [orders] = await db`select count(*)::int as n from order_cart where cart_id = ${cart.id} and deleted_at is null`
    expect(orders!.n).toBe(1)
    const [captures] = await db`select count(*)::int as n from capture where payment_id = ${payments[0]!.id} and deleted_at is null`
    expect(captures!.n).toBe(1)
  }, 180_000)

  it("reverses a partial card refund in proportion: Stripe is asked for it, and the entries add up to the rules on what the customer finally paid", async () => {
    const { orderId, paymentId, intentId, lines } = paidByCard
    const before = sum(await entries(orderId))
    const refund = await api.call("POST", `/admin/payments/${paymentId}/refund`, { amount: 100 })
    expect(refund.status, JSON.stringify(refund.body)).toBe(200)
    // Medusa's Stripe provider asked Stripe (here its fake at the network edge) for ฿100 of this intent, in satang.
    const asked = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds")
    expect(asked.map((r) => [r.body.payment_intent, Number(r.body.amount)])).toEqual([[intentId, 10000]])
    const rows = await waitFor("the card refund's reversal", async () => {
      const r = await entries(orderId)
      return r.some((e) => e.kind === "reversal") && r
    })
    // The ฿100 comes off the goods in proportion to what each line was paid (largest remainder), and each line
    // keeps its rule on its net of VAT of what is left.
    const refundedByLine = splitLargestRemainder(10000, lines.map((l) => l.paidSatang))
    const expected = lines.reduce((s, l, i) => s + applyBasisPoints(netOfVat(l.paidSatang - refundedByLine[i]!), l.bp), 0)
    expect(sum(rows)).toBe(expected)
    expect(sum(rows)).toBeLessThan(before)
    expect(rows.filter((r) => r.kind === "reversal").every((r) => r.satang < 0)).toBe(true)
    for (const h of householdIds) expect(sum(rows.filter((r) => r.household_id === h)), h).toBeGreaterThanOrEqual(0)
    // The same refund event again books nothing more.
    const again = await api.ok("POST", `/admin/orders/${orderId}/household-shares`)
    expect(again.booked).toBe(0)
    expect(sum(await entries(orderId))).toBe(expected)
  }, 120_000)
})
