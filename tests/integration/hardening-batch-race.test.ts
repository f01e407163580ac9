import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adminApi, adminToken, certifiedHarvestLots, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"
import { batchVariantLinkTable } from "../support/db"

// Issue 7: 20 concurrent batch creations drawing on the same harvest lots; the rows must balance.

let app: TestApp
let api: AdminApi
let sql: postgres.Sql

beforeAll(async () => {
  app = await startTestApp()
  sql = postgres(app.db.url, { max: 2, onnotice: () => undefined })
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

const admin: AdminApi["call"] = (...args) => api.call(...args)
const ok: AdminApi["ok"] = (...args) => api.ok(...args)

describe("concurrent batches on the same harvest lots", () => {
  it("never uses more than was harvested: 20 racing batches, losers refused with a message, rows consistent", async () => {
    // Fixture: one certified plot with two harvest lots of 10 kg and 4 kg.
    const { plot, lots: [big, small], variantId } = await certifiedHarvestLots(api, 700, [10, 4])
    const batchesBefore = (await sql`SELECT count(*)::int AS n FROM batch WHERE deleted_at IS NULL`)[0]!.n

    // Each asks for 1.5 kg of the big lot; every other one also 0.75 kg of the small lot, listed first
    // (lots in both orders: the locking must not deadlock). At most 6 can have the big lot's 9 kg.
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      variant_id: variantId,
      produced_on: "2026-11-03",
      units_planned: 10,
      issue_units: i % 4 === 0 ? 2 : 0,
      inputs: i % 2 === 0
        ? [{ harvest_lot_id: big.id, kg: 1.5 }]
        : [{ harvest_lot_id: small.id, kg: 0.75 }, { harvest_lot_id: big.id, kg: 1.5 }],
    }))
    const started = performance.now()
    const results = await Promise.all(bodies.map((b) => admin("POST", "/admin/batches", b)))
    console.log(`20 concurrent batch creations in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const winners = results.filter((r) => r.status === 200)
    const losers = results.filter((r) => r.status !== 200)
    expect(results.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([])
    expect(winners.length).toBe(6)
    for (const loser of losers) {
      expect(loser.status).toBe(400)
      expect(loser.body).toMatchObject({ type: "not_allowed", code: "EXCEEDS_REMAINING" })
      expect(loser.body.message).toMatch(/kg/)
    }
    const lotNumbers = winners.map((w) => w.body.batch.lot_number)
    expect(new Set(lotNumbers).size).toBe(winners.length)

    // The rows: each lot's grams_used is exactly the sum of its batch inputs, never above what was harvested.
    const lots = await sql<{ id: string; grams_harvested: number; grams_used: number; inputs: number }[]>`
      SELECT h.id, h.grams_harvested, h.grams_used,
             COALESCE((SELECT sum(i.grams_used) FROM batch_input i JOIN batch b ON b.id = i.batch_id
                       WHERE i.harvest_lot_id = h.id AND i.deleted_at IS NULL AND b.deleted_at IS NULL), 0)::int AS inputs
      FROM harvest_lot h WHERE h.id IN ${sql([big.id, small.id])}`
    for (const lot of lots) {
      expect(lot.grams_used).toBe(lot.inputs)
      expect(lot.grams_used).toBeLessThanOrEqual(lot.grams_harvested)
    }
    expect(lots.find((l) => l.id === big.id)!.grams_used).toBe(9000)
    const smallWinners = winners.filter((w) => w.body.batch.inputs.length === 2).length
    expect(lots.find((l) => l.id === small.id)!.grams_used).toBe(smallWinners * 750)

    // Exactly the winners' batches exist, each with its inputs and its variant link; no orphan rows.
    const link = await batchVariantLinkTable(sql)
    const created = await sql<{ id: string; inputs: number; links: number }[]>`
      SELECT b.id,
             (SELECT count(*)::int FROM batch_input i WHERE i.batch_id = b.id AND i.deleted_at IS NULL) AS inputs,
             (SELECT count(*)::int FROM ${sql(link)} l WHERE l.batch_id = b.id AND l.deleted_at IS NULL) AS links
      FROM batch b WHERE b.deleted_at IS NULL AND b.produced_on = '2026-11-03'`
    expect(created.map((b) => b.id).sort()).toEqual(winners.map((w) => w.body.batch.id).sort())
    for (const b of created) {
      expect(b.inputs).toBeGreaterThan(0)
      expect(b.links).toBe(1)
    }
    expect((await sql`SELECT count(*)::int AS n FROM batch WHERE deleted_at IS NULL`)[0]!.n).toBe(batchesBefore + winners.length)
    const orphanInputs = await sql`SELECT i.id FROM batch_input i LEFT JOIN batch b ON b.id = i.batch_id AND b.deleted_at IS NULL
                                   WHERE b.id IS NULL AND i.deleted_at IS NULL`
    expect(orphanInputs).toEqual([])
    const orphanUnits = await sql`SELECT u.id FROM label_unit u LEFT JOIN batch b ON b.id = u.batch_id AND b.deleted_at IS NULL
                                  WHERE b.id IS NULL AND u.deleted_at IS NULL`
    expect(orphanUnits).toEqual([])

    // The API agrees with the rows.
    const after = (await ok("GET", `/admin/harvests?plot_id=${plot.id}`)).harvests as Json[]
    expect(after.find((h) => h.id === big.id)).toMatchObject({ kg_harvested: 10, kg_used: 9, kg_left: 1 })
  }, 240_000)
})
