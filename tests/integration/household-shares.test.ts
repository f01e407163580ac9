import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { applyBasisPoints, bangkokToday, netOfVat, splitEvenly, splitLargestRemainder } from "@mae-mok/traceability"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"
import { buyerAt, storeClient, waitFor } from "../support/payment-cart"

// Sales shares (issue 13): each allocated unit of a paid order gives the rule's share of its net revenue to
// the households of its batch by their grams; refunds and cancellations reverse in proportion; events twice
// or out of order book once; 50 captures at once add up — with native PromptPay captured by a group member,
// on the real app and PostgreSQL. Units are allocated as the packing table (issue 12) records them: rows
// of unit_allocation.

const PROMPTPAY_ID = "0812345678"
const SHARE_BP = 1000 // 10 %
const SKU = "MM-OIL-30"
let app: TestApp
let api: AdminApi
let sql: postgres.Sql
let client: ReturnType<typeof storeClient>
const today = bangkokToday()
const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }

/** Four households whose kg in the batch are awkward: thirds of a kilo and a half. */
const KGS = [0.333, 0.333, 0.334, 0.5]
let batchId: string
let variantId: string
let households: { id: string; grams: number }[] = []
let speciesId: string
let firstPlotId: string

beforeAll(async () => {
  app = await startTestApp({ env: { PROMPTPAY_ID } })
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  sql = postgres(app.db.url, { max: 4 })
  client = storeClient(app)

  const species = (await api.ok("POST", "/admin/herb-species", { thai_name: "ไพล", scientific_name: "Zingiber montanum (shares)", part_used: "เหง้า" })).herb_species
  speciesId = species.id
  const lots: Json[] = []
  for (const [i, kg] of KGS.entries()) {
    const household = (await api.ok("POST", "/admin/households", { code: `MM-H-7${i}${i}`, alias: `สวนแบ่ง ${i}`, ...place })).household
    const plot = (await api.ok("POST", "/admin/plots", { code: `MM-P-7${i}${i}1`, household_id: household.id, species_ids: [species.id], ...place })).plot
    await api.ok("POST", "/admin/certifications", {
      plot_id: plot.id, scheme: "TH-GAP", certificate_number: `GAP SHARE-${i}`, certifying_body: "กรมวิชาการเกษตร", valid_from: "2025-01-01", valid_until: "2030-12-31",
    })
    firstPlotId ??= plot.id
    lots.push((await api.ok("POST", "/admin/harvests", { plot_id: plot.id, species_id: species.id, harvested_on: today, kg })).harvest)
    households.push({ id: household.id, grams: Math.round(kg * 1000) })
  }
  const { products } = await api.ok("GET", "/admin/products?fields=id,variants.id,variants.sku&limit=50")
  variantId = products.flatMap((p: Json) => p.variants).find((v: Json) => v.sku === SKU).id
  const batch = (
    await api.ok("POST", "/admin/batches", {
      variant_id: variantId, produced_on: today, units_planned: 200, issue_units: 200, inputs: lots.map((l, i) => ({ harvest_lot_id: l.id, kg: KGS[i] })),
    })
  ).batch
  batchId = batch.id
  await api.ok("POST", "/admin/share-rules", { product_id: null, basis_points: SHARE_BP, valid_from: today })
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

/** A placed PromptPay order for `quantity` of the oil, its line and payment. */
async function placeOrder(quantity: number, ip = "127.0.0.1") {
  const { cart } = await client.cartReadyToPay([{ sku: SKU, quantity }])
  await client.startPayment(cart.id, "pp_promptpay_promptpay")
  const completed = await client.call("POST", `/store/carts/${cart.id}/complete`, undefined, undefined, buyerAt(app, ip))
  expect(completed.body.type, JSON.stringify(completed.body)).toBe("order")
  const order = completed.body.order
  const { body } = await client.call("GET", `/store/orders/${order.id}?fields=+payment_collections.payments.*,+items.*`, undefined, undefined, buyerAt(app, ip))
  return { orderId: order.id as string, line: body.order.items[0] as Json, paymentId: body.order.payment_collections[0].payments[0].id as string }
}

let nextUnit = 0
/** The packing table's record: `n` units of the batch allocated to the line (FIFO). */
async function allocate(orderId: string, lineItemId: string, n: number) {
  const units = await sql`select id from label_unit where batch_id = ${batchId} order by id offset ${nextUnit} limit ${n}`
  nextUnit += n
  for (const u of units) {
    await sql`insert into unit_allocation (id, label_unit_id, batch_id, variant_id, order_id, line_item_id, method)
      values (${`ualloc_t${nextUnit}_${u.id}`}, ${u.id}, ${batchId}, ${variantId}, ${orderId}, ${lineItemId}, 'fifo')`
  }
}

async function entries(orderId: string) {
  return sql`select household_id, kind, satang::int as satang, idempotency_key from ledger_entry where order_id = ${orderId} order by idempotency_key`
}
const sum = (rows: readonly Record<string, unknown>[]) => rows.reduce((s, r) => s + Number(r.satang), 0)
const shareOf = (paidSatang: number) => applyBasisPoints(netOfVat(paidSatang), SHARE_BP)

/** What each household must get for `quantity` units of a line paid `paidSatang`: per unit, then by grams. */
function expectedByHousehold(paidSatang: number, unitIds: string[]): Map<string, number> {
  const perUnit = splitEvenly(shareOf(paidSatang), unitIds)
  const byHousehold = new Map<string, number>()
  for (const u of perUnit) {
    const parts = splitLargestRemainder(u, households.map((h) => h.grams), { keys: households.map((h) => h.id) })
    households.forEach((h, i) => byHousehold.set(h.id, (byHousehold.get(h.id) ?? 0) + parts[i]!))
  }
  return byHousehold
}

describe("sales shares for grower households", () => {
  let first: Awaited<ReturnType<typeof placeOrder>>

  it("books each allocated unit's share by the households' grams when a group member captures the PromptPay payment", async () => {
    first = await placeOrder(3)
    await allocate(first.orderId, first.line.id, 3)
    expect(await entries(first.orderId)).toEqual([])
    const captured = await api.call("POST", `/admin/payments/${first.paymentId}/capture`, {})
    expect(captured.status).toBe(200)
    const rows = await waitFor("shares booked", async () => {
      const r = await entries(first.orderId)
      return r.length > 0 && r
    })
    const paid = 3 * 15900
    expect(sum(rows)).toBe(shareOf(paid))
    const units = (await sql`select id from unit_allocation where order_id = ${first.orderId} order by id`).map((r) => r.id as string)
    const expected = expectedByHousehold(paid, units)
    for (const h of households) expect(sum(rows.filter((r) => r.household_id === h.id)), h.id).toBe(expected.get(h.id))
    expect(rows.every((r) => r.kind === "sales_share" && r.satang > 0)).toBe(true)
  })

  it("books once when the same events come again", async () => {
    const before = await entries(first.orderId)
    const again = await api.ok("POST", `/admin/orders/${first.orderId}/household-shares`)
    expect(again.booked).toBe(0)
    await api.call("POST", `/admin/payments/${first.paymentId}/capture`, {})
    expect(await entries(first.orderId)).toEqual(before)
  })

  it("reverses a partial refund in proportion: the entries add up to the rule on what the customer finally paid", async () => {
    const refund = await api.call("POST", `/admin/payments/${first.paymentId}/refund`, { amount: 100 })
    expect(refund.status, JSON.stringify(refund.body)).toBe(200)
    const paidAfter = 3 * 15900 - 10000
    const rows = await waitFor("reversal booked", async () => {
      const r = await entries(first.orderId)
      return r.some((e) => e.kind === "reversal") && r
    })
    expect(sum(rows)).toBe(shareOf(paidAfter))
    expect(rows.filter((r) => r.kind === "reversal").every((r) => r.satang < 0)).toBe(true)
    // Each household keeps a non-negative amount.
    for (const h of households) expect(sum(rows.filter((r) => r.household_id === h.id))).toBeGreaterThanOrEqual(0)
  })

  it("books out of order: captured first, units allocated later", async () => {
    const o = await placeOrder(2)
    await api.ok("POST", `/admin/payments/${o.paymentId}/capture`, {})
    const waiting = await api.ok("POST", `/admin/orders/${o.orderId}/household-shares`)
    expect(waiting.waiting).toEqual([{ line_item_id: o.line.id, reason: "not_allocated" }])
    expect(await entries(o.orderId)).toEqual([])
    await allocate(o.orderId, o.line.id, 2)
    const booked = await api.ok("POST", `/admin/orders/${o.orderId}/household-shares`)
    expect(booked.total_satang).toBe(shareOf(2 * 15900))
  })

  it("reverses everything when a paid order is refunded in full and cancelled", async () => {
    const o = await placeOrder(1)
    await allocate(o.orderId, o.line.id, 1)
    await api.ok("POST", `/admin/payments/${o.paymentId}/capture`, {})
    await waitFor("shares booked", async () => (await entries(o.orderId)).length > 0)
    const refund = await api.call("POST", `/admin/payments/${o.paymentId}/refund`, { amount: 159 + 60 })
    expect(refund.status, JSON.stringify(refund.body)).toBe(200)
    await api.call("POST", `/admin/orders/${o.orderId}/cancel`, {})
    const rows = await waitFor("all reversed", async () => {
      const r = await entries(o.orderId)
      return sum(r) === 0 && r.some((e) => e.kind === "reversal") && r
    })
    expect(sum(rows)).toBe(0)
  })

  it("books 50 orders captured at once, every order's sum exact", async () => {
    const orders: Awaited<ReturnType<typeof placeOrder>>[] = []
    for (let i = 0; i < 50; i++) {
      const o = await placeOrder(1, `10.9.${Math.floor(i / 5)}.${i}`)
      await allocate(o.orderId, o.line.id, 1)
      orders.push(o)
    }
    const results = await Promise.all(orders.map((o) => api.call("POST", `/admin/payments/${o.paymentId}/capture`, {})))
    expect(results.map((r) => r.status)).toEqual(orders.map(() => 200))
    await waitFor(
      "50 orders booked",
      async () => {
        const [r] = await sql`select count(distinct order_id)::int as n from ledger_entry where order_id = any(${orders.map((o) => o.orderId)})`
        return r!.n === 50
      },
      120_000
    )
    for (const o of orders) expect(sum(await entries(o.orderId))).toBe(shareOf(15900))
    const [dups] = await sql`select count(*)::int as n from (select idempotency_key from ledger_entry group by 1 having count(*) > 1) d`
    expect(dups!.n).toBe(0)
  }, 600_000)
})

describe("an order whose share cannot be computed", () => {
  /** A released batch of the oil with `n` units whose mass balance is then broken by `breakIt` (data, not a request). */
  async function brokenBatch(n: number, breakIt: (id: string) => Promise<unknown>) {
    const lot = (await api.ok("POST", "/admin/harvests", { plot_id: firstPlotId, species_id: speciesId, harvested_on: today, kg: 0.2 })).harvest
    const batch = (await api.ok("POST", "/admin/batches", { variant_id: variantId, produced_on: today, units_planned: n, issue_units: n, inputs: [{ harvest_lot_id: lot.id, kg: 0.2 }] })).batch
    await breakIt(batch.id)
    return batch.id as string
  }
  async function allocateFrom(batch: string, orderId: string, lineItemId: string) {
    const [u] = await sql`select id from label_unit where batch_id = ${batch} and id not in (select label_unit_id from unit_allocation) order by id limit 1`
    await sql`insert into unit_allocation (id, label_unit_id, batch_id, variant_id, order_id, line_item_id, method)
      values (${`ualloc_bad_${u!.id}`}, ${u!.id}, ${batch}, ${variantId}, ${orderId}, ${lineItemId}, 'fifo')`
  }
  const ledgerSize = async () => Number((await sql`select count(*)::int as n from ledger_entry`)[0]!.n)

  for (const [what, breakIt] of [
    ["no households left in its mass balance", (id: string) => sql`delete from batch_input where batch_id = ${id}`],
    ["only zero grams in its mass balance", (id: string) => sql`update batch_input set grams_used = 0 where batch_id = ${id}`],
  ] as const) {
    it(`answers 400 with code, message and message_th, writing nothing, for a unit from a batch with ${what}`, async () => {
      const bad = await brokenBatch(2, breakIt)
      // Two units on one line: one from the good batch, one from the broken one. The line is all or nothing.
      const o = await placeOrder(2)
      await allocate(o.orderId, o.line.id, 1)
      await allocateFrom(bad, o.orderId, o.line.id)
      const before = await ledgerSize()
      // The capture's event cannot book either (its subscriber logs the refusal); the capture itself succeeds.
      expect((await api.call("POST", `/admin/payments/${o.paymentId}/capture`, {})).status).toBe(200)
      const refused = await api.call("POST", `/admin/orders/${o.orderId}/household-shares`)
      expect(refused.status, JSON.stringify(refused.body)).toBe(400)
      expect(refused.body).toMatchObject({ type: "not_allowed", code: "NO_HOUSEHOLDS", message: expect.stringContaining(bad) })
      expect(refused.body.message_th).toContain("ครัวเรือน")
      expect(await entries(o.orderId)).toEqual([])
      expect(await ledgerSize()).toBe(before)
      // Reading the order's shares still works.
      const read = await api.ok("GET", `/admin/orders/${o.orderId}/household-shares`)
      expect(read).toMatchObject({ entries: [], total_satang: 0 })
    })
  }
})
