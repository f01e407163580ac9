import crypto from "node:crypto"
import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEV_SCAN_IP_SALT } from "../../backend/src/lib/env"
import { adminApi, adminToken, asStorefront, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"
import { expectConsentedValues, expectNoPrivateKeys, expectNoPrivateValues, expectPrivateValuesStored, loadSeedPhotos, type PublicResponse } from "../support/privacy"

// The public provenance API (docs/api/provenance.md) on the seeded demo data.

type Unit = { serial: string; url: string }
type Batch = { id: string; lot_number: string; variant: { barcode: string }; units: Unit[] }

let app: TestApp
let sql: postgres.Sql
let batches: Batch[]
let api: AdminApi
const IP = "203.0.113.77"

beforeAll(async () => {
  app = await startTestApp()
  sql = postgres(app.db.url, { max: 2 })
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  batches = (await api.ok("GET", "/admin/batches")).batches
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

async function store(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.medusaUrl}${path}`, {
    headers: { "x-publishable-api-key": app.publishableKey, ...asStorefront(IP), ...headers },
  })
  const text = await res.text()
  return { status: res.status, type: res.headers.get("content-type") ?? "", text, body: JSON.parse(text) as Json }
}

const oil = () => batches.find((b) => b.lot_number.startsWith("MO"))!
const ball = () => batches.find((b) => b.lot_number.startsWith("CB"))!

describe("store provenance API", () => {
  it("needs the publishable key", async () => {
    const b = oil()
    const res = await fetch(`${app.medusaUrl}/store/provenance/${b.variant.barcode}/${b.lot_number}`)
    expect(res.status).toBe(400)
  })

  it("answers a lot with its public provenance: herbs, certified plots, households per consent", async () => {
    const b = oil()
    const { status, body } = await store(`/store/provenance/${b.variant.barcode}/${b.lot_number}`)
    expect(status).toBe(200)
    const p = body.provenance
    expect(p.product).toMatchObject({ title: { th: "น้ำมันนวดสมุนไพรหมอกไพร", en: "Mok Prai herbal massage oil" }, gtin: b.variant.barcode })
    expect(p.batch).toMatchObject({ lot: b.lot_number, producedOn: "2026-10-20", bestBefore: "2028-10-19", status: "released" })
    expect(p.recall).toBeNull()
    expect(p.scan).toBeNull()
    expect(p.herbs.map((h: Json) => h.scientificName).sort()).toEqual(["Cissus quadrangularis", "Cleome viscosa", "Cryptolepis dubia"])
    expect(p.totals.kg).toBe(27.5)
    const plot = p.plots.find((x: Json) => x.code === "MM-P-0171")
    expect(plot.certifications.map((c: Json) => c.scheme).sort()).toEqual(["PGS", "TH-GAP"])
    expect(plot.place).toMatchObject({ village: "บ้านแม่มอก", moo: "3", tambon: "แม่มอก" })
    // MM-P-0441's PGS certificate had expired before its harvest: only its GAP certificate is claimed.
    expect(p.plots.find((x: Json) => x.code === "MM-P-0441").certifications.map((c: Json) => c.scheme)).toEqual(["TH-GAP"])

    const full = p.households.find((h: Json) => h.alias === "สวนเถาเอ็นริมห้วย")
    expect(full.givenName).toBe("แก้ว")
    expect(full.photoUrl).toMatch(/\/household-photos\/[0-9a-f]{32}\.jpg$/)
    expect(full.story).toMatch(/เถาเอ็นอ่อน/)
    const nameOnly = p.households.find((h: Json) => h.alias === "สวนสมุนไพรทุ่งนาหลวง")
    expect(nameOnly).toMatchObject({ givenName: "มา", photoUrl: null, story: null })
  })

  it("says plainly when a lot or serial is unknown (404), and refuses links that break GS1 syntax with 400", async () => {
    const b = oil()
    const unknown = await store(`/store/provenance/${b.variant.barcode}/MO-2001-99`)
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ type: "not_found", code: "UNKNOWN_LOT" })
    expect(unknown.body.message_th).toBeTruthy()
    // The lot of another product's GTIN is not this product's lot.
    expect((await store(`/store/provenance/${ball().variant.barcode}/${b.lot_number}`)).status).toBe(404)

    const tamperedGtin = b.variant.barcode.slice(0, 13) + ((Number(b.variant.barcode[13]) + 1) % 10)
    const badGtin = await store(`/store/provenance/${tamperedGtin}/${b.lot_number}`)
    expect(badGtin.status).toBe(400)
    expect(badGtin.body).toMatchObject({ type: "invalid_data", code: "INVALID_DIGITAL_LINK", part: "gtin" })
    expect(badGtin.body.message).toMatch(/check digit/)
    expect((await store(`/store/provenance/123/${b.lot_number}`)).body.part).toBe("gtin")

    // A serial GS1 allows but we never print (too short, lowercase) is unknown, as a GS1 resolver says: 404.
    const serial = b.units[0]!.serial
    const shortSerial = await store(`/store/provenance/${b.variant.barcode}/${b.lot_number}/${serial.slice(0, 15)}`)
    expect(shortSerial.status).toBe(404)
    expect(shortSerial.body).toMatchObject({ type: "not_found", code: "UNKNOWN_SERIAL", scan: { kind: "unknown_serial" } })
    expect(shortSerial.body.message_th).toBeTruthy()
    expect((await store(`/store/provenance/${b.variant.barcode}/${b.lot_number}/${serial.toLowerCase()}`)).status).toBe(404)
    // One that breaks GS1 syntax (21 characters; GS1 allows 20) is a bad link: 400.
    const badSerial = await store(`/store/provenance/${b.variant.barcode}/${b.lot_number}/${serial}ABCDE`)
    expect(badSerial.status).toBe(400)
    expect(badSerial.body).toMatchObject({ type: "invalid_data", code: "INVALID_DIGITAL_LINK", part: "serial" })
    const badLot = await store(`/store/provenance/${b.variant.barcode}/${encodeURIComponent("MO 26")}`)
    expect(badLot.status).toBe(400)
    expect(badLot.body.part).toBe("lot")
  })

  it("answers a unit with a scan verdict and counts every scan", async () => {
    const b = oil()
    const unit = b.units[1]!
    const path = `/store/provenance/${b.variant.barcode}/${b.lot_number}/${unit.serial}`
    expect(new URL(unit.url).pathname).toBe(`/01/${b.variant.barcode}/10/${b.lot_number}/21/${unit.serial}`)
    const first = await store(path)
    expect(first.status).toBe(200)
    expect(first.body.provenance.scan).toMatchObject({ kind: "first_scan", scanCount: 1, suspicious: false })
    expect(first.body.provenance.scan.firstScanOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const second = await store(path)
    expect(second.body.provenance.scan).toMatchObject({ kind: "repeat_scan", scanCount: 2 })
    expect(second.body.provenance.batch.lot).toBe(b.lot_number)
  })

  it("404s an unknown serial and a serial printed for another lot, and counts both", async () => {
    const b = oil()
    const unknown = await store(`/store/provenance/${b.variant.barcode}/${b.lot_number}/7K3QW9TZ0M4D8XHV`)
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ type: "not_found", code: "UNKNOWN_SERIAL", scan: { kind: "unknown_serial", suspicious: true } })
    expect(unknown.body.message_th).toBeTruthy()

    const foreign = ball().units[0]!.serial
    const mismatch = await store(`/store/provenance/${b.variant.barcode}/${b.lot_number}/${foreign}`)
    expect(mismatch.status).toBe(404)
    expect(mismatch.body).toMatchObject({ code: "UNKNOWN_SERIAL", scan: { kind: "lot_mismatch" } })
    expect(mismatch.body.message).toMatch(/not printed for lot/)

    const events = await sql`select verdict, label_unit_id from scan_event where serial in (${"7K3QW9TZ0M4D8XHV"}, ${foreign}) order by verdict`
    expect(events.map((e) => e.verdict)).toEqual(["lot_mismatch", "unknown_serial"])
  })

  it("keeps only a salted hash of the buyer's IP, never the IP itself", async () => {
    const events = await sql`select * from scan_event`
    expect(events.length).toBeGreaterThanOrEqual(4)
    const expected = crypto.createHmac("sha256", DEV_SCAN_IP_SALT).update(IP).digest("hex")
    for (const e of events) expect(e.ip_hash).toBe(expected)
    expect(expected).not.toBe(crypto.createHash("sha256").update(IP).digest("hex"))

    // Nowhere in the whole database: every row of every table, as text.
    const tables = await sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
    for (const { table_name } of tables) {
      const hits = await sql`select count(*)::int as n from ${sql(table_name)} t where t::text like ${"%" + IP + "%"}`
      expect(hits[0].n, table_name).toBe(0)
    }
  })

  it("exports the batch as EPCIS 2.0 JSON-LD", async () => {
    const b = ball()
    const res = await store(`/store/provenance/${b.variant.barcode}/${b.lot_number}/epcis`)
    expect(res.status).toBe(200)
    expect(res.type).toMatch(/application\/ld\+json/)
    expect(res.body).toMatchObject({ type: "EPCISDocument", schemaVersion: "2.0" })
    const events = res.body.epcisBody.eventList as Json[]
    expect(events.filter((e) => e.type === "ObjectEvent" && e.bizStep === "commissioning")).toHaveLength(5)
    expect(events.filter((e) => e.type === "TransformationEvent")).toHaveLength(1)
    for (const e of events) expect(e.eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}/)
    expect((await store(`/store/provenance/${b.variant.barcode}/CB-2001-01/epcis`)).status).toBe(404)
  })

  it("never shows a private value of any seeded household or plot in any public response", async () => {
    const responses: PublicResponse[] = []
    const add = async (path: string) => {
      const res = await store(path)
      responses.push({ label: path, status: res.status, body: res.text })
    }
    for (const b of batches) {
      const base = `/store/provenance/${b.variant.barcode}/${b.lot_number}`
      await add(base)
      await add(`${base}/epcis`)
      for (const u of b.units.slice(0, 3)) await add(`${base}/${u.serial}`)
      await add(`${base}/7K3QW9TZ0M4D8XHV`)
    }
    // The private values are really stored, so their absence below means something; every household
    // contributes to some batch, so every consent case is exercised.
    await expectPrivateValuesStored(app.db.url)
    const photos = await loadSeedPhotos(app.db.url)
    expectConsentedValues(responses.map((r) => r.body).join("\n"), "the store provenance API", photos, ["th", "en"])
    expectNoPrivateValues(responses, photos)
    expectNoPrivateKeys(responses)
  })
})
