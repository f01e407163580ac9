import { buildTrackingNumber } from "@mae-mok/traceability"
import { Ajv } from "ajv"
import addFormats from "ajv-formats"
import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"
import { gs1EpcisSchema } from "../support/gs1-epcis-schema"
import { fulfilmentFixtures, type LabelledBatch } from "../support/fulfilment"
import { buyerAt, type storeClient } from "../support/payment-cart"
import { pool } from "../support/pool"

// Issue 12, unit-level fulfilment, against the real app: scan to pack (refusals change nothing), two packers
// racing for one serial, unpacking, Thailand Post numbers, 50 concurrent FIFO fulfilments that never
// over-allocate, and the recall's forward trace that names exactly the buyers of the recalled batch.

let app: TestApp
let api: AdminApi
let sql: postgres.Sql
let client: ReturnType<typeof storeClient>
let placeOrder: Awaited<ReturnType<typeof fulfilmentFixtures>>["placeOrder"]
let batch: Awaited<ReturnType<typeof fulfilmentFixtures>>["batch"]

beforeAll(async () => {
  app = await startTestApp()
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  sql = postgres(app.db.url, { max: 2, onnotice: () => undefined })
  ;({ client, placeOrder, batch } = await fulfilmentFixtures(app, api, 120))
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

const scan = (orderId: string, code: string) => api.call("POST", `/admin/orders/${orderId}/packing/scans`, { code })

async function allocationRows(where = sql`true`) {
  return sql<{ id: string; label_unit_id: string; order_id: string; fulfillment_id: string | null; method: string; released_at: Date | null }[]>`
    select id, label_unit_id, order_id, fulfillment_id, method, released_at from unit_allocation where ${where} order by created_at, id`
}

describe("scan to pack", () => {
  let a: LabelledBatch
  let orderId: string

  it("checks each scan, refuses wrong, duplicate and recalled units without writing, and fulfils when every line is covered", async () => {
    a = await batch("MM-OIL-30", "2026-11-01", 6)
    const other = await batch("MM-OIL-100", "2026-11-01", 2)
    const recalled = await batch("MM-OIL-30", "2026-11-02", 2)
    await api.ok("POST", `/admin/batches/${recalled.id}/recall`, { reason: "ผลตรวจจุลินทรีย์เกินเกณฑ์" })
    orderId = await placeOrder("MM-OIL-30", 2, "packing@example.com")

    const start = await api.ok("GET", `/admin/orders/${orderId}/packing`)
    expect(start.packing).toMatchObject({ units_ordered: 2, units_packed: 0, complete: false })

    const refusals = [
      ["https://example.com/nothing", "UNKNOWN_SERIAL", 400],
      [other.units[0]!.url, "UNIT_WRONG_VARIANT", 400],
      [recalled.units[0]!.url, "BATCH_RECALLED", 400],
    ] as const
    for (const [code, expected, status] of refusals) {
      const r = await scan(orderId, code)
      expect(r.status, JSON.stringify(r.body)).toBe(status)
      expect(r.body.code).toBe(expected)
      expect(r.body.message_th).toMatch(/[\u0E00-\u0E7F]/)
    }
    expect(await allocationRows()).toEqual([])

    // The camera or a keyboard scanner reads the Digital Link.
    const first = await scan(orderId, a.units[0]!.url)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body.scan).toMatchObject({ ok: true, serial: a.units[0]!.serial, remainingOnLine: 1 })
    expect(first.body.scan.message_th).toBe("ถูกต้อง เหลืออีก 1 ชิ้น")
    expect(first.body.fulfillment_id).toBeNull()

    const again = await scan(orderId, a.units[0]!.url)
    expect(again.status).toBe(400)
    expect(again.body).toMatchObject({ code: "UNIT_ALREADY_PACKED" })
    expect(await allocationRows()).toHaveLength(1)

    // The packer types the serial (lower case, with a space: normalised).
    const typed = `${a.units[1]!.serial.slice(0, 8)} ${a.units[1]!.serial.slice(8)}`.toLowerCase()
    const second = await scan(orderId, typed)
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    expect(second.body.fulfillment_id).toMatch(/^ful_/)
    expect(second.body.packing).toMatchObject({ complete: true, units_packed: 2 })

    const rows = await allocationRows()
    expect(rows).toHaveLength(2)
    expect(rows.every((r) => r.fulfillment_id === second.body.fulfillment_id && r.method === "scanned" && r.released_at === null)).toBe(true)
    const [f] = await sql`select fi.line_item_id, fi.quantity::int as quantity from fulfillment_item fi where fi.fulfillment_id = ${second.body.fulfillment_id} and fi.deleted_at is null`
    expect(f!.quantity).toBe(2)

    // A complete order takes no more units.
    const extra = await scan(orderId, a.units[2]!.url)
    expect(extra.status).toBe(400)
    expect(extra.body.code).toBe("LINE_COMPLETE")
  })

  it("takes a Thailand Post number with its check digit and shows it with the tracking link", async () => {
    const { packing } = await api.ok("GET", `/admin/orders/${orderId}/packing`)
    const fulfillmentId = packing.fulfillments[0].id as string
    const wrong = await api.call("POST", `/admin/orders/${orderId}/packing/tracking`, { fulfillment_id: fulfillmentId, tracking_number: "EB123456780TH" })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatchObject({ code: "WRONG_CHECK_DIGIT" })
    expect(wrong.body.message_th).toContain("ตัวเลขตรวจสอบ")

    const number = buildTrackingNumber("EB", "12345678")
    const shipped = await api.call("POST", `/admin/orders/${orderId}/packing/tracking`, { fulfillment_id: fulfillmentId, tracking_number: number.toLowerCase() })
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200)
    expect(shipped.body.packing.fulfillments[0]).toMatchObject({
      id: fulfillmentId,
      tracking_number: number,
      tracking_url: `https://track.thailandpost.co.th/?trackNumber=${number}`,
    })
    expect(shipped.body.packing.fulfillments[0].shipped_at).not.toBeNull()
    const twice = await api.call("POST", `/admin/orders/${orderId}/packing/tracking`, { fulfillment_id: fulfillmentId, tracking_number: number })
    expect(twice.body.code).toBe("ALREADY_SHIPPED")

    // What the shop's order page reads: the number and its link, for the storefront (or the order's customer) only.
    const forShop = await client.call("GET", `/store/orders/${orderId}/shipping`, undefined, undefined, buyerAt(app, "10.12.99.1"))
    expect(forShop.status).toBe(200)
    expect(forShop.body).toEqual({
      shipments: [{ tracking_number: number, tracking_url: `https://track.thailandpost.co.th/?trackNumber=${number}`, service_th: expect.any(String), service_en: expect.any(String), shipped_at: expect.any(String) }],
      recalls: [],
    })
    expect((await client.call("GET", `/store/orders/${orderId}/shipping`)).status).toBe(401)

    // The lot's public EPCIS: the parcel packed (an AggregationEvent of the lot's units into the SSCC) and shipped,
    // at day precision, no serial of the parcel and no buyer; valid against GS1's EPCIS 2.0 schema.
    const { batch: withGtin } = await api.ok("GET", `/admin/batches/${a.id}`)
    const epcis = await client.call("GET", `/store/provenance/${withGtin.variant.barcode}/${a.lot_number}/epcis`)
    expect(epcis.status).toBe(200)
    const events = epcis.body.epcisBody.eventList as Json[]
    const packed = events.find((e) => e.bizStep === "packing")!
    const sent = events.find((e) => e.bizStep === "shipping")!
    expect(packed).toMatchObject({ type: "AggregationEvent", action: "ADD", childQuantityList: [{ quantity: 2 }] })
    expect(packed.parentID).toMatch(/\/00\/\d{18}$/)
    expect(sent).toMatchObject({ type: "ObjectEvent", epcList: [packed.parentID], disposition: "in_transit" })
    const text = JSON.stringify(epcis.body)
    for (const u of a.units) expect(text).not.toContain(u.serial)
    expect(text).not.toContain("packing@example.com")
    expect(text).not.toContain(orderId)
    const ajv = new Ajv({ strict: false, allErrors: true })
    ;(addFormats as unknown as (a: Ajv) => Ajv)(ajv)
    const valid = ajv.compile(gs1EpcisSchema())
    expect(valid(epcis.body), ajv.errorsText(valid.errors)).toBe(true)
  })

  it("two packers scanning the same serial into two orders at once: exactly one wins, the other is told", async () => {
    const [o1, o2] = [await placeOrder("MM-OIL-30", 1, "race1@example.com"), await placeOrder("MM-OIL-30", 1, "race2@example.com")]
    const unit = a.units[3]!
    const answers = await Promise.all([scan(o1, unit.url), scan(o2, unit.serial)])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409])
    const lost = answers.find((r) => r.status === 409)!
    expect(lost.body).toMatchObject({ code: "UNIT_ALREADY_PACKED" })
    expect(lost.body.message_th).toContain("คำสั่งซื้ออื่น")
    const active = await allocationRows(sql`label_unit_id = ${unit.id} and released_at is null`)
    expect(active).toHaveLength(1)

    // Unpacking (cancelling the winner's fulfilment) returns the unit; the row stays, released.
    const winner = answers[0]!.status === 200 ? o1 : o2
    const loser = winner === o1 ? o2 : o1
    const { packing } = await api.ok("GET", `/admin/orders/${winner}/packing`)
    const unpacked = await api.call("POST", `/admin/orders/${winner}/packing/unpack`, { fulfillment_id: packing.fulfillments[0].id })
    expect(unpacked.status, JSON.stringify(unpacked.body)).toBe(200)
    expect(unpacked.body.packing).toMatchObject({ units_packed: 0, complete: false })
    expect(unpacked.body.packing.fulfillments[0].canceled_at).not.toBeNull()
    const history = await allocationRows(sql`label_unit_id = ${unit.id}`)
    expect(history).toHaveLength(1)
    expect(history[0]!.released_at).not.toBeNull()
    // Now the other packer may have it.
    const retry = await scan(loser, unit.url)
    expect(retry.status, JSON.stringify(retry.body)).toBe(200)

    // A fulfilment of another order cannot be cancelled through this order.
    const foreign = await api.call("POST", `/admin/orders/${winner}/packing/unpack`, { fulfillment_id: retry.body.fulfillment_id })
    expect(foreign.status).toBe(404)
  })
})

describe("FIFO fulfilment and the recall", () => {
  const ORDERS = 50
  it("50 concurrent FIFO fulfilments never over-allocate, take the oldest batch first, and the recall names exactly its buyers", async () => {
    // The seed's own released batches of the variant are put on hold, so the test's 45 units are the only free ones.
    const { batches: released } = await api.ok("GET", "/admin/batches?status=released")
    for (const b of released as Json[]) {
      const full = (await api.ok("GET", `/admin/batches/${b.id}`)).batch
      if (full.variant?.sku === "MM-CB-1") await api.ok("POST", `/admin/batches/${b.id}/hold`, { reason: "test: only this test's batches are free" })
    }
    const older = await batch("MM-CB-1", "2026-10-01", 20)
    const newer = await batch("MM-CB-1", "2026-10-15", 25)
    const draft = await batch("MM-CB-1", "2026-09-01", 10, "draft")
    const orders = await pool(Array.from({ length: ORDERS }, (_, i) => i), 4, (i) => placeOrder("MM-CB-1", 1, `buyer${i}@example.com`))

    const started = performance.now()
    const answers = await Promise.all(orders.map((id) => api.call("POST", `/admin/orders/${id}/packing/fulfil`, { fill: true })))
    console.log(`${ORDERS} concurrent FIFO fulfilments in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    expect(answers.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([])
    const ok = answers.filter((r) => r.status === 200)
    const refused = answers.filter((r) => r.status !== 200)
    expect(ok).toHaveLength(45)
    for (const r of refused) {
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({ code: "INSUFFICIENT_UNITS" })
      expect(r.body.message_th).toContain("ชิ้น")
    }

    // units issued = units allocated + units free, unit by unit, for every batch; no unit twice.
    for (const b of [older, newer, draft]) {
      const [balance] = await sql`
        select count(*)::int as issued,
          count(*) filter (where exists (select 1 from unit_allocation a where a.label_unit_id = u.id and a.released_at is null))::int as allocated,
          count(*) filter (where not exists (select 1 from unit_allocation a where a.label_unit_id = u.id and a.released_at is null))::int as free
        from label_unit u where u.batch_id = ${b.id}`
      expect(balance!.issued).toBe(balance!.allocated + balance!.free)
      expect(balance!.allocated).toBe(b === older ? 20 : b === newer ? 25 : 0)
    }
    const [twice] = await sql`select count(*)::int as n from (select label_unit_id from unit_allocation where released_at is null group by 1 having count(*) > 1) x`
    expect(twice!.n).toBe(0)
    // Every allocation is FIFO and in the order's fulfilment.
    const fifo = await allocationRows(sql`batch_id in (${older.id}, ${newer.id})`)
    expect(fifo.every((r) => r.method === "fifo" && r.fulfillment_id !== null)).toBe(true)
    // The refused orders have nothing allocated (all or nothing).
    const refusedOrders = orders.filter((_, i) => answers[i]!.status !== 200)
    expect(await allocationRows(sql`order_id in ${sql(refusedOrders)}`)).toEqual([])

    // The recall: the buyers of the older batch, exactly, in pages; not the newer batch's buyers.
    await api.ok("POST", `/admin/batches/${older.id}/recall`, { reason: "ฉลากพิมพ์วันหมดอายุผิด" })
    const traced: Json[] = []
    let after: string | null = null
    do {
      const page: Json = await api.ok("GET", `/admin/batches/${older.id}/orders?limit=7${after ? `&after=${after}` : ""}`)
      expect(page.orders.length).toBeLessThanOrEqual(7)
      traced.push(...page.orders)
      after = page.next
    } while (after)
    expect(traced).toHaveLength(20)
    const buyersOfOlder = new Set(fifo.filter((r) => older.units.some((u) => u.id === r.label_unit_id)).map((r) => r.order_id))
    expect(new Set(traced.map((r) => r.order_id))).toEqual(buyersOfOlder)
    expect(new Set(traced.map((r) => r.serial))).toEqual(new Set(older.units.map((u) => u.serial)))
    const emails = await sql`select id, email from "order" where id in ${sql([...buyersOfOlder])}`
    expect(new Set(traced.map((r) => r.email))).toEqual(new Set(emails.map((e) => e.email)))
    expect(traced.every((r) => r.method === "fifo" && r.customer_name === "สมชาย ใจดี" && r.phone === "0812345678")).toBe(true)
    const newerBuyers = (await api.ok("GET", `/admin/batches/${newer.id}/orders?limit=500`)).orders.map((r: Json) => r.order_id)
    expect(newerBuyers).toHaveLength(25)
    expect(newerBuyers.filter((id: string) => buyersOfOlder.has(id))).toEqual([])

    // The buyer's order page shows the recall notice for an order of the older batch, not for one of the newer.
    const [buyerOfOlder] = [...buyersOfOlder]
    const notice = await client.call("GET", `/store/orders/${buyerOfOlder}/shipping`, undefined, undefined, buyerAt(app, "10.12.99.2"))
    expect(notice.body.recalls).toEqual([{ lot_number: older.lot_number, reason: "ฉลากพิมพ์วันหมดอายุผิด", recalled_at: expect.any(String), units: 1, products: [expect.any(String)] }])
    const quiet = await client.call("GET", `/store/orders/${newerBuyers[0]}/shipping`, undefined, undefined, buyerAt(app, "10.12.99.2"))
    expect(quiet.body.recalls).toEqual([])

    // The recall phone list in Thai.
    const csv = await api.raw(`/admin/batches/${older.id}/orders?format=csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get("content-type")).toContain("text/csv")
    const text = await csv.text()
    const lines = text.replace(/^\uFEFF/, "").trim().split("\n")
    expect(lines[0]).toContain("เลขที่คำสั่งซื้อ")
    expect(lines[0]).toContain("โทรศัพท์")
    expect(lines).toHaveLength(1 + buyersOfOlder.size)
    for (const e of emails) expect(text).toContain(e.email)
    expect(text).toContain("จัดสรรอัตโนมัติ ไม่ได้สแกน")

    const bad = await api.call("GET", `/admin/batches/${older.id}/orders?after=nonsense`)
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain("after")

    // Backward trace (admin): an order → its units → their batch → harvest lots → plots → households; a serial the same way.
    const back = await api.ok("GET", `/admin/orders/${buyerOfOlder}/trace`)
    expect(back.batches.map((b: Json) => b.lot_number)).toEqual([older.lot_number])
    const tracedBatch = back.batches[0]
    expect(tracedBatch.units).toEqual([{ serial: expect.any(String), order_id: buyerOfOlder, method: "fifo" }])
    expect(tracedBatch.harvest_lots.length).toBeGreaterThan(0)
    for (const lot of tracedBatch.harvest_lots) {
      expect(lot.grams_used).toBeGreaterThan(0)
      expect(lot.plot.code).toMatch(/\S/)
      expect(lot.household).toEqual({ id: expect.any(String), code: expect.any(String), alias: expect.any(String) })
      expect(lot.herb.thai_name).toMatch(/\S/)
    }
    const serial = tracedBatch.units[0].serial
    const bySerial = await api.ok("GET", `/admin/label-units/${serial}/trace`)
    expect(bySerial.batches[0].units).toEqual([{ serial, order_id: buyerOfOlder, method: "fifo" }])
    expect(bySerial.batches[0].harvest_lots).toEqual(tracedBatch.harvest_lots)
    const freeUnit = draft.units[0]!
    expect((await api.ok("GET", `/admin/label-units/${freeUnit.serial}/trace`)).batches[0].units).toEqual([{ serial: freeUnit.serial, order_id: null, method: null }])
    expect((await api.call("GET", "/admin/label-units/0000000000000000/trace")).status).toBe(404)
    expect((await api.call("GET", "/admin/orders/order_01NOTANORDER0000000000000/trace")).status).toBe(404)
  }, 900_000)
})
