import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bangkokToday, formatBaht } from "@mae-mok/traceability"
import { adminApi, adminToken, inviteAdmin, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"

// Household money (issue 13): the price list, the farm-gate purchase booked with a harvest, payments that
// settle it with a Thai receipt, the statement and its CSV, the payout run, the impact view, the right to see
// household private data — against the real Medusa app and PostgreSQL.

let app: TestApp
let api: AdminApi
let sql: postgres.Sql
const today = bangkokToday()
const month = today.slice(0, 7)
const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }

beforeAll(async () => {
  app = await startTestApp()
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  sql = postgres(app.db.url, { max: 2 })
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

/** A household with one certified plot growing a new herb. */
async function grower(n: number, extra: Json = {}) {
  const species = (await api.ok("POST", "/admin/herb-species", { thai_name: "ขมิ้นชัน", scientific_name: `Curcuma longa (${n})`, part_used: "เหง้า" })).herb_species
  const household = (await api.ok("POST", "/admin/households", { code: `MM-H-9${n}${n}`, alias: `สวนเงิน ${n}`, ...place, ...extra })).household
  const plot = (await api.ok("POST", "/admin/plots", { code: `MM-P-9${n}${n}1`, household_id: household.id, species_ids: [species.id], ...place })).plot
  await api.ok("POST", "/admin/certifications", {
    plot_id: plot.id, scheme: "TH-GAP", certificate_number: `GAP MONEY-${n}`, certifying_body: "กรมวิชาการเกษตร", valid_from: "2025-01-01", valid_until: "2030-12-31",
  })
  return { species, household, plot }
}

async function ledgerRows(householdId: string) {
  return sql`select kind, satang::int as satang, idempotency_key from ledger_entry where household_id = ${householdId} order by created_at`
}

/** A second admin user (invited, registered, accepted) and its API. */
function secondAdmin(email: string): Promise<{ api: AdminApi; id: string }> {
  return inviteAdmin(app.medusaUrl, api, email)
}

function pdfText(pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `receipt-${process.pid}-${Date.now()}.pdf`)
  fs.writeFileSync(file, pdf)
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
  } finally {
    fs.rmSync(file, { force: true })
  }
}

let g1: Awaited<ReturnType<typeof grower>>
let g2: Awaited<ReturnType<typeof grower>>

describe("household money", () => {
  it("keeps a price list with history: a new price closes the older one, a price cannot start in the past", async () => {
    g1 = await grower(1, { private: { family_name: "ใจดี", poverty_tier: "1", income_thb_per_year: 30000 }, given_name: "สมศรี", members_count: 3 })
    g2 = await grower(2, { private: { poverty_tier: "2", income_thb_per_year: 50000 }, members_count: 2 })

    const past = await api.call("POST", "/admin/farm-gate-prices", { species_id: g1.species.id, price_per_kg_satang: 4500, valid_from: "2020-01-01" })
    expect(past.status).toBe(400)
    expect(past.body.code).toBe("STARTS_IN_PAST")
    expect(past.body.message_th).toMatch(/ต้องเริ่มใช้ตั้งแต่วันนี้/)

    const bad = await api.call("POST", "/admin/farm-gate-prices", { species_id: g1.species.id, price_per_kg_satang: 45.5, valid_from: today })
    expect(bad.status).toBe(400)

    const first = (await api.ok("POST", "/admin/farm-gate-prices", { species_id: g1.species.id, price_per_kg_satang: 4000, valid_from: today })).farm_gate_price
    // The same day again overlaps the price just set: refused until it is withdrawn.
    const overlap = await api.call("POST", "/admin/farm-gate-prices", { species_id: g1.species.id, price_per_kg_satang: 4500, valid_from: today })
    expect(overlap.status).toBe(400)
    expect(overlap.body.code).toBe("OVERLAPS_LATER_RULE")
    // Withdrawn (ended the day before it starts), then the committee's real price.
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10)
    await api.ok("POST", `/admin/farm-gate-prices/${first.id}/end`, { last_day: yesterday })
    await api.ok("POST", "/admin/farm-gate-prices", { species_id: g1.species.id, price_per_kg_satang: 4550, valid_from: today, note: "มติกรรมการ" })
    await api.ok("POST", "/admin/farm-gate-prices", { species_id: g2.species.id, price_per_kg_satang: 3000, valid_from: today })

    const list = (await api.ok("GET", "/admin/farm-gate-prices")).farm_gate_prices as Json[]
    const mine = list.filter((p) => p.species_id === g1.species.id)
    expect(mine).toHaveLength(2)
    expect(mine.find((p) => p.current)?.price_per_kg_satang).toBe(4550)
    expect(mine.find((p) => p.id === first.id)?.valid_until).toBe(yesterday)
  })

  it("books the farm-gate purchase when a harvest lot is recorded: kg × the price that day, once", async () => {
    const res = await api.ok("POST", "/admin/harvests", { plot_id: g1.plot.id, species_id: g1.species.id, harvested_on: today, kg: 12.345 })
    // 12.345 kg × ฿45.50 = ฿561.6975 → 56170 satang (nearest, halves up)
    expect(res.harvest.purchase).toMatchObject({ price_per_kg_satang: 4550, satang: 56170 })
    await api.ok("POST", "/admin/harvests", { plot_id: g2.plot.id, species_id: g2.species.id, harvested_on: today, kg: 10 })
    const rows = await ledgerRows(g1.household.id)
    expect(rows).toEqual([{ kind: "farm_gate_purchase", satang: 56170, idempotency_key: `farm_gate_purchase:${res.harvest.id}` }])
  })

  it("keeps the ledger append-only in the database", async () => {
    await expect(sql`update ledger_entry set satang = 1 where household_id = ${g1.household.id}`).rejects.toThrow(/append-only/)
    await expect(sql`delete from ledger_entry where household_id = ${g1.household.id}`).rejects.toThrow(/append-only/)
    await expect(sql`insert into ledger_entry (id, idempotency_key, household_id, kind, satang, source, booked_at) values ('le_x', 'payment:x:y', ${g1.household.id}, 'payment', 100, '{}', now())`).rejects.toThrow(/ledger_entry_sign/)
    expect(await ledgerRows(g1.household.id)).toHaveLength(1)
  })

  it("refuses a payment above what the household is owed, writing nothing; records one and prints its Thai receipt", async () => {
    const over = await api.call("POST", `/admin/households/${g1.household.id}/payments`, { amount_satang: 56171, method: "cash", paid_on: today })
    expect(over.status).toBe(400)
    expect(over.body.code).toBe("PAYMENT_EXCEEDS_BALANCE")
    expect(over.body.message_th).toContain("มากกว่ายอดค้างจ่าย")
    expect(await ledgerRows(g1.household.id)).toHaveLength(1)

    const badMethod = await api.call("POST", `/admin/households/${g1.household.id}/payments`, { amount_satang: 100, method: "gold", paid_on: today })
    expect(badMethod.status).toBe(400)

    const paid = (await api.ok("POST", `/admin/households/${g1.household.id}/payments`, { amount_satang: 50000, method: "promptpay", paid_on: today, paid_by_name: "นางเหรัญญิก กลุ่ม" })).payment
    expect(paid.satang).toBe(-50000)
    expect(paid.source.receiptNumber).toMatch(/^RV-\d{4}-\d{6}$/)

    const pdf = await api.raw(paid.receipt_url)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get("content-type")).toBe("application/pdf")
    const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, " ")
    expect(text).toContain("ใบสำคัญรับเงิน")
    expect(text).toContain(paid.source.receiptNumber)
    expect(text).toContain("สมศรี ใจดี")
    expect(text).toContain(formatBaht(50000))
    expect(text).toContain("ห้าร้อยบาทถ้วน")
    expect(text).toContain("พร้อมเพย์")
    expect(text).toContain("ผู้รับเงิน")
    expect(text).toContain("นางเหรัญญิก กลุ่ม")
  })

  it("shows the monthly statement (opening, lines, closing) and its CSV", async () => {
    const { statement } = await api.ok("GET", `/admin/households/${g1.household.id}/statement?month=${month}`)
    expect(statement.masked).toBe(false)
    expect(statement.openingBalanceSatang).toBe(0)
    expect(statement.totals).toEqual({ farm_gate_purchase: 56170, sales_share: 0, reversal: 0, payment: -50000 })
    expect(statement.closingBalanceSatang).toBe(6170)
    expect(statement.lines.map((l: Json) => l.kind)).toEqual(["farm_gate_purchase", "payment"])
    expect(statement.lines[0].description_th).toContain("ขมิ้นชัน")

    const csv = await api.raw(`/admin/households/${g1.household.id}/statement.csv?month=${month}`)
    expect(csv.headers.get("content-type")).toContain("text/csv")
    const lines = (await csv.text()).replace(/^\ufeff/, "").trim().split("\r\n")
    expect(lines[0]).toBe("household,month,date,kind,description,reference,amount_baht")
    expect(lines.at(-1)).toMatch(/closing_balance,ยอดค้างจ่ายยกไป,,61\.70$/)
    expect(lines.some((l) => l.endsWith(",561.70"))).toBe(true)
    expect(lines.some((l) => l.endsWith(",-500.00"))).toBe(true)

    const badMonth = await api.call("GET", `/admin/households/${g1.household.id}/statement?month=2026-13`)
    expect(badMonth.status).toBe(400)
    const unknown = await api.call("GET", `/admin/households/hh_nope/statement?month=${month}`)
    expect(unknown.status).toBe(404)
  })

  it("runs the monthly payout: lists every household owed, pays them in one go, refuses paying twice", async () => {
    const run = await api.ok("GET", `/admin/payout-run?as_of=${today}`)
    const owed = Object.fromEntries((run.payees as Json[]).map((p) => [p.household_id, p.balance_satang]))
    expect(owed[g1.household.id]).toBe(6170)
    expect(owed[g2.household.id]).toBe(30000)
    const payments = (run.payees as Json[]).map((p) => ({ household_id: p.household_id, amount_satang: p.balance_satang }))
    const paid = await api.ok("POST", "/admin/payout-run", { as_of: today, method: "bank_transfer", paid_on: today, payments })
    expect(paid.total_satang).toBe(run.total_satang)
    expect(new Set(paid.payments.map((p: Json) => p.source.receiptNumber)).size).toBe(payments.length)

    const again = await api.call("POST", "/admin/payout-run", { as_of: today, method: "bank_transfer", paid_on: today, payments })
    expect(again.status).toBe(400)
    expect(again.body.code).toBe("PAYMENT_EXCEEDS_BALANCE")
    const after = await api.ok("GET", `/admin/payout-run?as_of=${today}`)
    expect(after.payees.filter((p: Json) => [g1.household.id, g2.household.id].includes(p.household_id))).toEqual([])
  })

  it("reports impact by village and poverty tier, with the poverty line crossing for the year", async () => {
    const year = Number(today.slice(0, 4))
    const { impact, months } = await api.ok("GET", `/admin/impact?year=${year}&poverty_line=10000`)
    const row1 = impact.households.find((h: Json) => h.householdId === g1.household.id)
    expect(row1).toMatchObject({ earnedSatang: 56170, paidSatang: 56170, povertyTier: "1", crossedPovertyLine: false })
    const row2 = impact.households.find((h: Json) => h.householdId === g2.household.id)
    // 50 000 / 2 = 25 000 per person: already above the line, so not "crossed".
    expect(row2).toMatchObject({ earnedSatang: 30000, crossedPovertyLine: false })
    expect(impact.byPovertyTier.find((g: Json) => g.key === "1").earnedSatang).toBeGreaterThanOrEqual(56170)
    expect(months.find((m: Json) => m.month === month).earned_satang).toBe(impact.earnedSatang)
    expect((await api.call("GET", "/admin/impact?year=2026&month=2026-01")).status).toBe(400)
  })

  it("shows household money only to users the store owner granted the right; masked for everyone else", async () => {
    const other = await secondAdmin("member@maemok.test")
    const masked = await other.api.ok("GET", `/admin/households/${g1.household.id}/statement?month=${month}`)
    expect(masked.statement).toMatchObject({ masked: true, closing_balance: "•••", lines: [] })
    expect(JSON.stringify(masked)).not.toContain("56170")
    for (const p of [`/admin/households/${g1.household.id}/statement.csv?month=${month}`, `/admin/payout-run`, `/admin/impact?year=2026`]) {
      const res = await other.api.call("GET", p)
      expect(res.status, p).toBe(403)
      expect(res.body.code).toBe("HOUSEHOLD_PRIVATE_FORBIDDEN")
      expect(res.body.message_th).toBeTruthy()
    }
    const pay = await other.api.call("POST", `/admin/households/${g1.household.id}/payments`, { amount_satang: 1, method: "cash", paid_on: today })
    expect(pay.status).toBe(403)
    // Only the owner grants.
    expect((await other.api.call("POST", `/admin/household-access/${other.id}`, { allowed: true })).status).toBe(403)
    await api.ok("POST", `/admin/household-access/${other.id}`, { allowed: true })
    const visible = await other.api.ok("GET", `/admin/households/${g1.household.id}/statement?month=${month}`)
    expect(visible.statement.masked).toBe(false)
    expect(visible.statement.totals.farm_gate_purchase).toBe(56170)
    await api.ok("POST", `/admin/household-access/${other.id}`, { allowed: false })
    expect((await other.api.call("GET", "/admin/payout-run")).status).toBe(403)
  })
})
