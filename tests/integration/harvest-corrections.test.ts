import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bangkokToday } from "@mae-mok/traceability"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"

// Correcting and voiding harvest lots (issue 15, docs/decisions/0067-harvest-corrections.md) against the real
// Medusa app and PostgreSQL: the audit trail, the append-only ledger (reversal + new purchase, exact satang),
// the refusals (a lot a batch used, a voided lot), and a void racing a batch for the same lot.

let app: TestApp
let api: AdminApi
let sql: postgres.Sql
const today = bangkokToday()
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }

let speciesId: string
let householdId: string
let plotId: string
let variantId: string

beforeAll(async () => {
  app = await startTestApp()
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  sql = postgres(app.db.url, { max: 2 })
  const species = (await api.ok("POST", "/admin/herb-species", { thai_name: "ไพล", scientific_name: "Zingiber montanum (corrections)", part_used: "เหง้า" })).herb_species
  const household = (await api.ok("POST", "/admin/households", { code: "MM-H-9067", alias: "สวนแก้ไข", ...place })).household
  const plot = (await api.ok("POST", "/admin/plots", { code: "MM-P-9067", household_id: household.id, species_ids: [species.id], ...place })).plot
  await api.ok("POST", "/admin/certifications", {
    plot_id: plot.id, scheme: "TH-GAP", certificate_number: "GAP 0067", certifying_body: "กรมวิชาการเกษตร", valid_from: "2025-01-01", valid_until: "2030-12-31",
  })
  speciesId = species.id
  householdId = household.id
  plotId = plot.id
  // The committee's price history: ฿30.00 until yesterday (written directly: the API refuses a price that starts
  // in the past), ฿45.50 from today.
  await sql`insert into farm_gate_price (id, species_id, price_per_kg_satang, valid_from, valid_until) values ('fgp_test_old_0067', ${speciesId}, 3000, '2025-01-01', ${yesterday})`
  await api.ok("POST", "/admin/farm-gate-prices", { species_id: speciesId, price_per_kg_satang: 4550, valid_from: today })
  const batches = (await api.ok("GET", "/admin/batches")).batches as Json[]
  variantId = batches.find((b) => b.lot_number.startsWith("MO"))!.variant.id
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

async function ledger() {
  return sql`select kind, satang::int as satang, idempotency_key from ledger_entry where household_id = ${householdId} order by created_at, idempotency_key`
}
async function balance(): Promise<number> {
  const [r] = await sql`select coalesce(sum(satang), 0)::int as s from ledger_entry where household_id = ${householdId}`
  return r.s
}
async function harvest(kg: number, harvested_on = today) {
  return (await api.ok("POST", "/admin/harvests", { plot_id: plotId, species_id: speciesId, harvested_on, kg })).harvest
}
const batchOf = (lotId: string, kg = 1) => ({ variant_id: variantId, produced_on: today, units_planned: 10, inputs: [{ harvest_lot_id: lotId, kg }] })

let lotId: string

describe("correcting and voiding a harvest lot", () => {
  it("corrects kg and date: the audit row says before → after, the purchase is reversed and booked again at that day's price", async () => {
    const before = await balance()
    const lot = await harvest(12.345)
    lotId = lot.id
    expect(lot.purchase.satang).toBe(56170) // 12.345 kg × ฿45.50
    const fresh = (await api.ok("GET", `/admin/harvests/${lotId}`)).harvest
    expect(fresh).toMatchObject({ voided_at: null, void_reason: null, corrections: [] })

    const res = (await api.ok("POST", `/admin/harvests/${lotId}`, { kg: 10.001, harvested_on: yesterday, reason: "ชั่งผิด ตาชั่งไม่ได้ตั้งศูนย์" })).harvest
    // 10.001 kg × ฿30.00 (yesterday's price) = ฿300.03
    expect(res.rebooking).toEqual({ reversed_satang: -56170, purchase: { price_id: "fgp_test_old_0067", price_per_kg_satang: 3000, satang: 30003 } })
    expect(res).toMatchObject({ kg_harvested: 10.001, harvested_on: yesterday })
    expect(res.corrections).toHaveLength(1)
    expect(res.corrections[0]).toMatchObject({
      reason: "ชั่งผิด ตาชั่งไม่ได้ตั้งศูนย์",
      changes: { kg: { before: 12.345, after: 10.001 }, harvested_on: { before: today, after: yesterday } },
    })
    expect(res.corrections[0].created_by).toMatch(/^user_/)
    expect(res.corrections[0].changes.plot_id).toBeUndefined()
    const byKey = (a: Json, b: Json) => (a.idempotency_key < b.idempotency_key ? -1 : 1)
    expect([...(await ledger())].sort(byKey)).toEqual([
      { kind: "farm_gate_purchase", satang: 56170, idempotency_key: `farm_gate_purchase:${lotId}` },
      { kind: "reversal", satang: -56170, idempotency_key: `reversal:${res.corrections[0].id}:farm_gate_purchase%3A${lotId}` },
      { kind: "farm_gate_purchase", satang: 30003, idempotency_key: `farm_gate_purchase:${lotId}:${res.corrections[0].id}` },
    ].sort(byKey))
    expect(await balance()).toBe(before + 30003)

    // A second correction reverses the purchase the first one booked, not the original again.
    const again = (await api.ok("POST", `/admin/harvests/${lotId}`, { kg: 8, harvested_on: today, reason: "แก้วันที่กลับ" })).harvest
    expect(again.rebooking).toMatchObject({ reversed_satang: -30003, purchase: { satang: 36400 } })
    expect(again.corrections.map((c: Json) => c.reason)).toEqual(["ชั่งผิด ตาชั่งไม่ได้ตั้งศูนย์", "แก้วันที่กลับ"])
    expect(await balance()).toBe(before + 36400)
    expect((await ledger()).map((r) => r.satang).sort((a, b) => a - b)).toEqual([-56170, -30003, 30003, 36400, 56170])
  })

  it("answers 400 with a message for bad input and 404 for an unknown lot, writing nothing", async () => {
    const rows = (await ledger()).length
    for (const body of [{ kg: 5 }, { kg: 5, reason: "" }, { kg: 5, reason: "   " }, { reason: "ไม่มีอะไรเปลี่ยน" }, { kg: -1, reason: "x" }, { kg: 1.0001, reason: "x" }, { kg: 5, reason: "x", grams: 5 }, { harvested_on: "2026-02-30", reason: "x" }]) {
      const res = await api.call("POST", `/admin/harvests/${lotId}`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(typeof res.body.message).toBe("string")
    }
    for (const body of [{}, { reason: "" }, { reason: 5 }, { reason: "x", extra: 1 }]) {
      const res = await api.call("POST", `/admin/harvests/${lotId}/void`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(typeof res.body.message).toBe("string")
    }
    // The same values as now: nothing to correct.
    const same = await api.call("POST", `/admin/harvests/${lotId}`, { kg: 8, reason: "ซ้ำ" })
    expect(same.status).toBe(400)
    expect(same.body.code).toBe("NOTHING_TO_CORRECT")
    // A corrected date in the future is refused by the harvest rules, like a new harvest.
    const future = await api.call("POST", `/admin/harvests/${lotId}`, { harvested_on: "2099-01-01", reason: "x" })
    expect(future.status).toBe(400)
    for (const [method, path, body] of [
      ["GET", "/admin/harvests/hl_nope", undefined],
      ["POST", "/admin/harvests/hl_nope", { kg: 1, reason: "x" }],
      ["POST", "/admin/harvests/hl_nope/void", { reason: "x" }],
    ] as const) {
      const res = await api.call(method, path, body)
      expect(res.status, path).toBe(404)
      expect(res.body.message_th).toContain("ไม่พบ")
    }
    expect((await ledger()).length).toBe(rows)
  })

  it("voids with a reason: the household's balance is as before the harvest; the lot cannot be corrected, voided again or used", async () => {
    const before = (await balance()) - 36400
    const res = (await api.ok("POST", `/admin/harvests/${lotId}/void`, { reason: "บันทึกผิดแปลง" })).harvest
    expect(res.rebooking).toEqual({ reversed_satang: -36400, purchase: null })
    expect(res.void_reason).toBe("บันทึกผิดแปลง")
    expect(res.voided_at).toBeTruthy()
    expect(res.voided_by).toMatch(/^user_/)
    expect(await balance()).toBe(before)

    const correct = await api.call("POST", `/admin/harvests/${lotId}`, { kg: 9, reason: "x" })
    expect(correct.status).toBe(409)
    expect(correct.body.code).toBe("HARVEST_VOIDED")
    expect(correct.body.message).toMatch(/voided/)
    expect(correct.body.message_th).toContain("ถูกยกเลิกแล้ว")
    const twice = await api.call("POST", `/admin/harvests/${lotId}/void`, { reason: "อีกครั้ง" })
    expect(twice.status).toBe(409)
    expect(twice.body.code).toBe("HARVEST_VOIDED")

    const batch = await api.call("POST", "/admin/batches", batchOf(lotId))
    expect(batch.status).toBe(409)
    expect(batch.body.code).toBe("HARVEST_VOIDED")
    const available = (await api.ok("GET", "/admin/harvests?available=true&limit=500")).harvests as Json[]
    expect(available.map((h) => h.id)).not.toContain(lotId)
    const all = (await api.ok("GET", "/admin/harvests?limit=500")).harvests as Json[]
    expect(all.find((h) => h.id === lotId)).toMatchObject({ void_reason: "บันทึกผิดแปลง", corrections: [{}, {}] })
    expect(await balance()).toBe(before)
  })

  it("refuses to correct or void a lot a batch used (409 HARVEST_IN_BATCH), writing nothing", async () => {
    const lot = await harvest(5)
    await api.ok("POST", "/admin/batches", batchOf(lot.id, 2))
    const rows = await ledger()
    const correct = await api.call("POST", `/admin/harvests/${lot.id}`, { kg: 6, reason: "ชั่งผิด" })
    expect(correct.status).toBe(409)
    expect(correct.body.code).toBe("HARVEST_IN_BATCH")
    expect(correct.body.message_th).toContain("ถูกนำไปผลิตแล้ว")
    const voided = await api.call("POST", `/admin/harvests/${lot.id}/void`, { reason: "ซ้ำ" })
    expect(voided.status).toBe(409)
    expect(voided.body.code).toBe("HARVEST_IN_BATCH")
    expect(await ledger()).toEqual(rows)
    expect((await api.ok("GET", `/admin/harvests/${lot.id}`)).harvest).toMatchObject({ kg_harvested: 5, voided_at: null, corrections: [] })
  })

  it("a void and a batch racing for the same lot: exactly one wins, and the books agree", async () => {
    for (let i = 0; i < 3; i++) {
      const lot = await harvest(3)
      const [voided, batch] = await Promise.all([
        api.call("POST", `/admin/harvests/${lot.id}/void`, { reason: "แข่งกัน" }),
        api.call("POST", "/admin/batches", batchOf(lot.id, 1)),
      ])
      expect([voided.status, batch.status].sort()).toEqual([200, 409])
      const [row] = await sql`select voided_at, grams_used from harvest_lot where id = ${lot.id}`
      if (voided.status === 200) {
        expect(batch.body.code).toBe("HARVEST_VOIDED")
        expect(row.grams_used).toBe(0)
        const [s] = await sql`select coalesce(sum(satang), 0)::int as s from ledger_entry where harvest_lot_id = ${lot.id}`
        expect(s.s).toBe(0)
      } else {
        expect(voided.body.code).toBe("HARVEST_IN_BATCH")
        expect(row.voided_at).toBeNull()
        expect(row.grams_used).toBe(1000)
      }
    }
  })
})
