import jsQR from "jsqr"
import { PNG } from "pngjs"
import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { execFileSync } from "node:child_process"
import crypto from "node:crypto"
import { adminApi, adminToken, inviteAdmin, type AdminApi, type Json } from "../support/admin-api"
import { ADMIN_EMAIL, startTestApp, type TestApp } from "../support/app"

// The admin traceability API (docs/api/admin-traceability.md) against the real Medusa app.

let app: TestApp
let api: AdminApi
let sql: postgres.Sql

beforeAll(async () => {
  app = await startTestApp()
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  sql = postgres(app.db.url, { max: 2 })
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

const admin: AdminApi["call"] = (...args) => api.call(...args)
const raw: AdminApi["raw"] = (path) => api.raw(path)

async function rows(table: string): Promise<number> {
  const [r] = await sql`select count(*)::int as n from ${sql(table)} where deleted_at is null`
  return r.n
}

async function actorId(): Promise<string> {
  const [u] = await sql`select id from "user" where email = ${ADMIN_EMAIL}`
  return u.id
}

/** Herb, household, plot with a valid and an expired certificate: the fixture of this file. */
let speciesId: string
let otherSpeciesId: string
let plotId: string
let expiredPlotId: string
let oilVariantId: string
let householdId: string

describe("admin traceability API", () => {
  it("refuses calls without a login", async () => {
    const res = await fetch(`${app.medusaUrl}/admin/batches`)
    expect(res.status).toBe(401)
    const post = await fetch(`${app.medusaUrl}/admin/harvests`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } })
    expect(post.status).toBe(401)
  })

  it("lists the seeded batches with lot, status, variant and units whose url is the exact QR URI", async () => {
    const { status, body } = await admin("GET", "/admin/batches")
    expect(status).toBe(200)
    expect(body.count).toBe(2)
    for (const batch of body.batches) {
      expect(batch.status).toBe("released")
      expect(batch.lot_number).toMatch(/^(MO|CB)-\d{4}-\d{2}$/)
      expect(batch.variant.barcode).toMatch(/^\d{14}$/)
      expect(batch.units.length).toBeGreaterThan(0)
      for (const unit of batch.units) {
        expect(unit.serial).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/)
        expect(unit.url).toBe(`${app.env.STOREFRONT_URL}/01/${batch.variant.barcode}/10/${batch.lot_number}/21/${unit.serial}`)
      }
    }
    oilVariantId = body.batches.find((b: Json) => b.lot_number.startsWith("MO")).variant.id
  })

  it("creates, reads, updates herb species and refuses bad or duplicate bodies", async () => {
    const created = await admin("POST", "/admin/herb-species", { thai_name: "ไพล", scientific_name: "Zingiber montanum", part_used: "เหง้า" })
    expect(created.status).toBe(200)
    expect(created.body.herb_species.created_by).toBe(await actorId())
    speciesId = created.body.herb_species.id
    const other = await admin("POST", "/admin/herb-species", { thai_name: "ขมิ้นชัน", scientific_name: "Curcuma longa", part_used: "เหง้า" })
    otherSpeciesId = other.body.herb_species.id

    const dup = await admin("POST", "/admin/herb-species", { thai_name: "ไพล", scientific_name: "Zingiber montanum", part_used: "เหง้า" })
    expect(dup.status).toBeGreaterThanOrEqual(400)
    expect(dup.status).toBeLessThan(500)

    const unknownField = await admin("POST", "/admin/herb-species", { thai_name: "x", scientific_name: "y", part_used: "z", colour: "green" })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.message).toMatch(/colour/)
    const empty = await admin("POST", "/admin/herb-species", { thai_name: "", scientific_name: "y", part_used: "z" })
    expect(empty.status).toBe(400)
    expect(empty.body.message).toMatch(/thai_name/)

    const updated = await admin("POST", `/admin/herb-species/${speciesId}`, { part_used: "เหง้า (rhizome)" })
    expect(updated.body.herb_species.part_used).toBe("เหง้า (rhizome)")
    expect((await admin("GET", `/admin/herb-species/${speciesId}`)).body.herb_species.part_used).toBe("เหง้า (rhizome)")
    expect((await admin("GET", "/admin/herb-species")).body.count).toBe(5)
    expect((await admin("GET", "/admin/herb-species/hsp_nope")).status).toBe(404)
  })

  it("records household consent per field with who and when, and previews what is public", async () => {
    const bad = await admin("POST", "/admin/households", {
      code: "MM-H-090", alias: "สวนทดสอบ", village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง",
      private: { national_id: "1234567890123" },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/national_id/)
    expect(await sql`select 1 from household where code = 'MM-H-090'`).toHaveLength(0)

    const created = await admin("POST", "/admin/households", {
      code: "MM-H-090", alias: "สวนทดสอบ", village: "บ้านแม่มอก", moo: "3", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง",
      given_name: "ทองใบ", story: "เรื่องเล่าทดสอบ",
      given_name_en: "Thongbai", story_en: "A test story", alias_en: "",
      consent: { given_name: true, photo: false, story: false },
      private: { national_id: "3520100417558", phone: "0811112222", income_thb_per_year: 30000 },
    })
    expect(created.status).toBe(200)
    const h = created.body.household
    expect(h.consent).toMatchObject({ given_name: true, photo: false, story: false, recorded_by: await actorId() })
    expect(Date.parse(h.consent.recorded_at)).toBeGreaterThan(Date.now() - 60_000)
    // Private values never travel masked or not: every admin answer masks them (empty ones are null).
    expect(h.private).toMatchObject({ phone: "•••", national_id: "•••", income_thb_per_year: "•••", family_name: null, poverty_tier: null })
    expect(JSON.stringify(created.body)).not.toContain("0811112222")
    householdId = h.id
    expect(h.public_preview).toMatchObject({ alias: "สวนทดสอบ", given_name: "ทองใบ", story: null, photo_url: null })
    // English versions follow the same consents (decision 0068); an empty English is stored as none.
    expect(h).toMatchObject({ alias_en: null, given_name_en: "Thongbai", story_en: "A test story" })
    expect(h.public_preview).toMatchObject({ alias_en: null, given_name_en: "Thongbai", story_en: null })

    const withdrawn = await admin("POST", `/admin/households/${h.id}`, { consent: { given_name: false, photo: false, story: true } })
    expect(withdrawn.body.household.public_preview).toMatchObject({ given_name: null, story: "เรื่องเล่าทดสอบ" })
    expect(withdrawn.body.household.public_preview).toMatchObject({ given_name_en: null, story_en: "A test story" })
    expect(JSON.stringify(withdrawn.body.household.public_preview)).not.toContain("Thongbai")
    expect(withdrawn.body.household.updated_by).toBe(await actorId())

    const list = await admin("GET", "/admin/households?q=MM-H-09")
    expect(list.body.households.map((x: Json) => x.code)).toEqual(["MM-H-090"])

    const plot = await admin("POST", "/admin/plots", {
      code: "MM-P-0901", household_id: h.id, species_ids: [speciesId], village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง",
      private: { lat: 17.6, lng: 99.2 },
    })
    expect(plot.status).toBe(200)
    plotId = plot.body.plot.id
    const expiredPlot = await admin("POST", "/admin/plots", {
      code: "MM-P-0902", household_id: h.id, species_ids: [speciesId], village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง",
    })
    expiredPlotId = expiredPlot.body.plot.id

    const unknownSpecies = await admin("POST", "/admin/plots", {
      code: "MM-P-0903", household_id: h.id, species_ids: ["hsp_missing"], village: "ก", tambon: "ข", amphoe: "ค", province: "ง",
    })
    expect(unknownSpecies.status).toBe(400)
    expect(unknownSpecies.body.code).toBe("UNKNOWN_SPECIES")
    expect(await sql`select 1 from plot where code = 'MM-P-0903'`).toHaveLength(0)

    const inUse = await admin("DELETE", `/admin/households/${h.id}`)
    expect(inUse.status).toBe(400)
  })


  it("reveals one private field at a time to users with the right, logging who, when, which household and field", async () => {
    const read = await admin("GET", `/admin/households/${householdId}`)
    expect(read.body.household.may_reveal).toBe(true) // the store owner always has the right
    expect(read.body.household.private.phone).toBe("•••")

    const phone = await admin("POST", `/admin/households/${householdId}/reveal`, { field: "phone" })
    expect(phone.status).toBe(200)
    expect(phone.body).toMatchObject({ field: "phone", value: "0811112222" })
    const income = await admin("POST", `/admin/households/${householdId}/reveal`, { field: "income_thb_per_year" })
    expect(income.body.value).toBe(30000)
    const logged = await sql`select household_id, field, user_id, revealed_at from private_data_reveal where household_id = ${householdId} order by revealed_at`
    expect(logged.map((r) => r.field)).toEqual(["phone", "income_thb_per_year"])
    expect(logged.every((r) => r.user_id === logged[0]!.user_id)).toBe(true)
    expect(logged[0]!.user_id).toBe(await actorId())

    // Bad asks: a clear 4xx and nothing logged.
    const bad = await admin("POST", `/admin/households/${householdId}/reveal`, { field: "alias" })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/national_id.*'field'.*alias/)
    expect((await admin("POST", "/admin/households/hh_nope/reveal", { field: "phone" })).status).toBe(404)
    expect((await admin("POST", `/admin/households/${householdId}/reveal`, { field: "phone", extra: 1 })).status).toBe(400)
    expect(await sql`select 1 from private_data_reveal where household_id = ${householdId}`).toHaveLength(2)

    // An update that leaves the masked fields out keeps them.
    await admin("POST", `/admin/households/${householdId}`, { story: "เรื่องเล่าทดสอบ (แก้)" })
    const [stored] = await sql`select phone, national_id from household where id = ${householdId}`
    expect(stored).toEqual({ phone: "0811112222", national_id: "3520100417558" })

    // Another member without the right: masked answer, no reveal, no log; with the right: one reveal, logged.
    const member = await inviteAdmin(app.medusaUrl, api, "member-reveal@maemok.test")
    const masked = await member.api.call("GET", `/admin/households/${householdId}`)
    expect(masked.body.household.may_reveal).toBe(false)
    expect(masked.body.household.private.national_id).toBe("•••")
    const refused = await member.api.call("POST", `/admin/households/${householdId}/reveal`, { field: "national_id" })
    expect(refused.status).toBe(403)
    expect(refused.body.message_th).toContain("ดูข้อมูลส่วนตัวของครัวเรือน")
    await api.ok("POST", `/admin/household-access/${member.id}`, { allowed: true })
    const shown = await member.api.call("POST", `/admin/households/${householdId}/reveal`, { field: "national_id" })
    expect(shown.body.value).toBe("3520100417558")
    await api.ok("POST", `/admin/household-access/${member.id}`, { allowed: false })
    expect((await member.api.call("POST", `/admin/households/${householdId}/reveal`, { field: "national_id" })).status).toBe(403)

    // The log is the store owner's to read, newest first, with the member's e-mail and the household's code.
    expect((await member.api.call("GET", "/admin/household-reveals")).status).toBe(403)
    const log = await admin("GET", "/admin/household-reveals")
    expect(log.status).toBe(200)
    const mine = log.body.reveals.filter((r: Json) => r.household.id === householdId)
    expect(mine.map((r: Json) => [r.field, r.user.email])).toEqual([
      ["national_id", "member-reveal@maemok.test"],
      ["income_thb_per_year", ADMIN_EMAIL],
      ["phone", ADMIN_EMAIL],
    ])
    expect(mine[0].household.code).toBe("MM-H-090")
    expect(Date.parse(mine[0].revealed_at)).toBeGreaterThan(Date.now() - 60_000)
    expect(JSON.stringify(log.body)).not.toContain("3520100417558")
  })
  it("manages certifications and says whether each is valid today", async () => {
    const valid = await admin("POST", "/admin/certifications", {
      plot_id: plotId, scheme: "TH-GAP", certificate_number: "GAP TEST-1", certifying_body: "กรมวิชาการเกษตร", valid_from: "2025-01-01", valid_until: "2030-12-31",
    })
    expect(valid.status).toBe(200)
    expect(valid.body.certification.valid_today).toBe(true)
    const expired = await admin("POST", "/admin/certifications", {
      plot_id: expiredPlotId, scheme: "PGS", certificate_number: "PGS TEST-2", certifying_body: "PGS ลำปาง", valid_from: "2023-01-01", valid_until: "2024-12-31",
    })
    expect(expired.body.certification.valid_today).toBe(false)
    const backwards = await admin("POST", "/admin/certifications", {
      plot_id: plotId, scheme: "PGS", certificate_number: "X", certifying_body: "Y", valid_from: "2026-01-01", valid_until: "2025-01-01",
    })
    expect(backwards.status).toBe(400)
    expect(backwards.body.message).toMatch(/valid_from/)
    const badScheme = await admin("POST", "/admin/certifications", {
      plot_id: plotId, scheme: "FAIRTRADE", certificate_number: "X", certifying_body: "Y", valid_from: "2025-01-01", valid_until: "2026-01-01",
    })
    expect(badScheme.status).toBe(400)
    const validOn = await admin("GET", `/admin/certifications?plot_id=${expiredPlotId}&valid_on=2024-06-01`)
    expect(validOn.body.certifications.map((c: Json) => c.certificate_number)).toEqual(["PGS TEST-2"])
    const plot = await admin("GET", `/admin/plots/${plotId}`)
    expect(plot.body.plot.certifications.map((c: Json) => c.certificate_number)).toEqual(["GAP TEST-1"])
  })

  it("records a harvest only on a plot certified that day and growing that species", async () => {
    const before = await rows("harvest_lot")
    const expired = await admin("POST", "/admin/harvests", { plot_id: expiredPlotId, species_id: speciesId, harvested_on: "2026-09-01", kg: 5 })
    expect(expired.status).toBe(400)
    expect(expired.body.code).toBe("NO_VALID_CERTIFICATION")
    expect(expired.body.message).toMatch(/no certification valid on 2026-09-01/)
    const wrongSpecies = await admin("POST", "/admin/harvests", { plot_id: plotId, species_id: otherSpeciesId, harvested_on: "2026-09-01", kg: 5 })
    expect(wrongSpecies.status).toBe(400)
    expect(wrongSpecies.body.code).toBe("SPECIES_NOT_GROWN")
    const future = await admin("POST", "/admin/harvests", { plot_id: plotId, species_id: speciesId, harvested_on: "2099-01-01", kg: 5 })
    expect(future.status).toBe(400)
    const badKg = await admin("POST", "/admin/harvests", { plot_id: plotId, species_id: speciesId, harvested_on: "2026-09-01", kg: 1.23456 })
    expect(badKg.status).toBe(400)
    expect(badKg.body.message).toMatch(/kg/)
    const unknownPlot = await admin("POST", "/admin/harvests", { plot_id: "plot_missing", species_id: speciesId, harvested_on: "2026-09-01", kg: 5 })
    expect(unknownPlot.status).toBe(404)
    expect(await rows("harvest_lot")).toBe(before)

    const ok = await admin("POST", "/admin/harvests", { plot_id: plotId, species_id: speciesId, harvested_on: "2026-09-01", kg: 5 })
    expect(ok.status).toBe(200)
    expect(ok.body.harvest).toMatchObject({ plot_code: "MM-P-0901", kg_harvested: 5, kg_used: 0, kg_left: 5, created_by: await actorId() })
    expect(ok.body.harvest.certifications.map((c: Json) => c.certificateNumber)).toEqual(["GAP TEST-1"])
    const available = await admin("GET", `/admin/harvests?plot_id=${plotId}&available=true`)
    expect(available.body.harvests).toHaveLength(1)
  })

  it("refuses to use more kg than a harvest lot has left and writes nothing", async () => {
    const [lot] = (await admin("GET", `/admin/harvests?plot_id=${plotId}`)).body.harvests
    const batchesBefore = await rows("batch")
    const over = await admin("POST", "/admin/batches", {
      variant_id: oilVariantId, produced_on: "2026-11-01", units_planned: 10, inputs: [{ harvest_lot_id: lot.id, kg: 5.001 }],
    })
    expect(over.status).toBe(400)
    expect(over.body.code).toBe("EXCEEDS_REMAINING")
    expect(await rows("batch")).toBe(batchesBefore)
    const [after] = await sql`select grams_used from harvest_lot where id = ${lot.id}`
    expect(after.grams_used).toBe(0)
  })

  it("lets exactly one of two concurrent batches take the last kilograms", async () => {
    const [lot] = (await admin("GET", `/admin/harvests?plot_id=${plotId}`)).body.harvests
    const body = { variant_id: oilVariantId, produced_on: "2026-11-02", best_before: "2028-11-01", units_planned: 10, inputs: [{ harvest_lot_id: lot.id, kg: 3 }] }
    const results = await Promise.all([admin("POST", "/admin/batches", body), admin("POST", "/admin/batches", body)])
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 400])
    const loser = results.find((r) => r.status === 400)!
    expect(loser.body.code).toBe("EXCEEDS_REMAINING")
    const [after] = await sql`select grams_used from harvest_lot where id = ${lot.id}`
    expect(after.grams_used).toBe(3000)
    const winner = results.find((r) => r.status === 200)!.body.batch
    expect(winner).toMatchObject({ status: "draft", created_by: await actorId(), units: [] })
    expect(winner.lot_number).toMatch(/^MO-2611-\d{2}$/)
    expect(winner.inputs).toEqual([expect.objectContaining({ harvest_lot_id: lot.id, kg: 3, plot_code: "MM-P-0901" })])
  })

  it("releases, issues units, holds and recalls a batch with reasons; refuses what the status forbids", async () => {
    const [batch] = (await admin("GET", "/admin/batches?status=draft")).body.batches
    const released = await admin("POST", `/admin/batches/${batch.id}/release`, {})
    expect(released.status).toBe(200)
    expect(released.body.batch.status).toBe("released")
    expect(released.body.batch.updated_by).toBe(await actorId())

    const issued = await admin("POST", `/admin/batches/${batch.id}/units`, { count: 3 })
    expect(issued.status).toBe(200)
    expect(issued.body.units).toHaveLength(3)
    const tooMany = await admin("POST", `/admin/batches/${batch.id}/units`, { count: 5000 })
    expect(tooMany.status).toBe(400)

    const noReason = await admin("POST", `/admin/batches/${batch.id}/hold`, {})
    expect(noReason.status).toBe(400)
    expect(noReason.body.message).toMatch(/reason/)
    const held = await admin("POST", `/admin/batches/${batch.id}/hold`, { reason: "ตรวจสอบกลิ่น" })
    expect(held.body.batch).toMatchObject({ status: "on_hold", status_reason: "ตรวจสอบกลิ่น" })
    const recalled = await admin("POST", `/admin/batches/${batch.id}/recall`, { reason: "พบการปนเปื้อนในน้ำมัน" })
    expect(recalled.body.batch).toMatchObject({ status: "recalled", status_reason: "พบการปนเปื้อนในน้ำมัน" })
    expect(recalled.body.batch.recalled_at).toBeTruthy()

    const again = await admin("POST", `/admin/batches/${batch.id}/release`, {})
    expect(again.status).toBe(400)
    expect(again.body.code).toBe("INVALID_TRANSITION")
    // One error shape (docs/decisions/0021-conventions.md): a code, English and Thai, through the workflow.
    expect(again.body.message).not.toMatch(/[\u0E00-\u0E7F]/)
    expect(again.body.message_th).toMatch(/[\u0E00-\u0E7F]/)
    const unitsAfterRecall = await admin("POST", `/admin/batches/${batch.id}/units`, { count: 1 })
    expect(unitsAfterRecall.status).toBe(400)
    expect(unitsAfterRecall.body.code).toBe("BATCH_RECALLED")
    expect((await admin("GET", `/admin/batches/${batch.id}`)).body.batch.units).toHaveLength(3)

    // The public page of a recalled batch still answers, with the recall notice.
    const pub = await fetch(`${app.medusaUrl}/store/provenance/${batch.variant.barcode}/${batch.lot_number}`, {
      headers: { "x-publishable-api-key": app.publishableKey },
    })
    expect(pub.status).toBe(200)
    const { provenance } = (await pub.json()) as Json
    expect(provenance.batch.status).toBe("recalled")
    expect(provenance.recall).toMatchObject({ reason: "พบการปนเปื้อนในน้ำมัน" })

    expect((await admin("POST", "/admin/batches/batch_missing/release", {})).status).toBe(404)
  })

  it("draws each unit's QR (PNG and SVG) with exactly its url, at version ≤ 5", async () => {
    const { body } = await admin("GET", "/admin/batches?status=released")
    const unit = body.batches[0].units[0]
    const png = await raw(`/admin/label-units/${unit.serial}/qr.png?size=300`)
    expect(png.status).toBe(200)
    expect(png.headers.get("content-type")).toMatch(/image\/png/)
    const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()))
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)
    expect(decoded?.data).toBe(unit.url)
    expect(decoded!.version).toBeLessThanOrEqual(5)

    const svg = await raw(`/admin/label-units/${unit.serial}/qr.svg`)
    expect(svg.status).toBe(200)
    expect(svg.headers.get("content-type")).toMatch(/image\/svg\+xml/)
    expect(await svg.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)

    expect((await raw(`/admin/label-units/${unit.serial}/qr.png?size=5`)).status).toBe(400)
    expect((await raw(`/admin/label-units/0000000000000000/qr.svg`)).status).toBe(404)
  })

  it("prints an A4 label sheet with product, lot, best-before and a QR per unit", async () => {
    const { body } = await admin("GET", "/admin/batches?status=released")
    const batch = body.batches.find((b: Json) => b.lot_number.startsWith("CB"))
    const res = await raw(`/admin/batches/${batch.id}/labels`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain("size: 210mm 297mm") // A4, 3 × 8 by default
    expect(html).toContain(batch.variant.product.title)
    expect(html).toContain(batch.lot_number)
    expect(html).toContain("ควรใช้ก่อน")
    expect(html.match(/<svg/g)).toHaveLength(batch.units.length)
    const one = await (await raw(`/admin/batches/${batch.id}/labels?unit=${batch.units[0].serial}`)).text()
    expect(one.match(/<svg/g)).toHaveLength(1)

    // A print button for phones and tablets: its one script runs under the sheet's policy by its hash.
    const script = /<script>([^<]*)<\/script>/.exec(html)![1]!
    expect(script).toContain("window.print()")
    const hash = crypto.createHash("sha256").update(script).digest("base64")
    expect(res.headers.get("content-security-policy")).toContain(`script-src 'sha256-${hash}'`)
    expect(html).toMatch(/<button id="print"[^>]*>พิมพ์<\/button>/)
  })

  it("lays labels out for A4 sticker sheets and a roll, and downloads the same sheet as a PDF", async () => {
    const { body } = await admin("GET", "/admin/batches?status=released")
    const batch = body.batches.find((b: Json) => b.lot_number.startsWith("CB"))
    const n = batch.units.length as number
    const pages = (html: string) => html.match(/<section class="page">/g)?.length ?? 0
    const a4 = await (await raw(`/admin/batches/${batch.id}/labels?layout=a4-4x10`)).text()
    expect(a4).toContain("size: 210mm 297mm")
    expect(a4).toContain("grid-template-columns: repeat(4, 52.5mm)")
    expect(pages(a4)).toBe(Math.ceil(n / 40))
    const roll = await (await raw(`/admin/batches/${batch.id}/labels?layout=roll-50x30`)).text()
    expect(roll).toContain("size: 50mm 30mm")
    expect(pages(roll)).toBe(n)
    expect((await raw(`/admin/batches/${batch.id}/labels?layout=a4-9x9`)).status).toBe(400)
    expect((await raw(`/admin/batches/${batch.id}/labels?format=docx`)).status).toBe(400)

    const pdf = await raw(`/admin/batches/${batch.id}/labels?layout=a4-3x8&format=pdf&unit=${batch.units[0].serial}`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get("content-type")).toMatch(/application\/pdf/)
    expect(pdf.headers.get("content-disposition")).toContain(`labels-${batch.lot_number}-a4-3x8.pdf`)
    const bytes = Buffer.from(await pdf.arrayBuffer())
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: bytes, encoding: "utf8" })
    expect(text).toContain("ควรใช้ก่อน")
    expect(text).toContain(batch.lot_number)
    expect(text).not.toContain("ดาวน์โหลด PDF") // the toolbar is for the screen only
    const info = execFileSync("pdfinfo", ["-"], { input: bytes, encoding: "utf8" })
    expect(info).toMatch(/Pages:\s+1\b/)
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841/) // A4 in points
  })

  it("reports scans per batch, suspicious codes and the forward trace", async () => {
    const { body } = await admin("GET", "/admin/batches?status=released")
    const batch = body.batches[0]
    const key = { "x-publishable-api-key": app.publishableKey }
    const unit = batch.units[0]
    await fetch(`${app.medusaUrl}/store/provenance/${batch.variant.barcode}/${batch.lot_number}/${unit.serial}`, { headers: key })
    await fetch(`${app.medusaUrl}/store/provenance/${batch.variant.barcode}/${batch.lot_number}/${unit.serial}`, { headers: key })
    const fake = "ZZZZZZZZZZZZZZZZ"
    expect((await fetch(`${app.medusaUrl}/store/provenance/${batch.variant.barcode}/${batch.lot_number}/${fake}`, { headers: key })).status).toBe(404)

    const scans = await admin("GET", `/admin/batches/${batch.id}/scans`)
    expect(scans.status).toBe(200)
    expect(scans.body).toMatchObject({ lot_number: batch.lot_number, units_scanned: 1 })
    expect(scans.body.by_verdict).toMatchObject({ first_scan: 1, repeat_scan: 1, unknown_serial: 1 })
    expect(scans.body.by_day[0].scans).toBe(3)
    expect(JSON.stringify(scans.body)).not.toMatch(/ip_hash/)

    const suspicious = await admin("GET", "/admin/scans/suspicious")
    expect(suspicious.body.unknown_serials).toEqual([expect.objectContaining({ serial: fake, lot: batch.lot_number, scans: 1 })])
    expect((await admin("GET", "/admin/scans/suspicious?since=yesterday")).status).toBe(400)

    const orders = await admin("GET", `/admin/batches/${batch.id}/orders`)
    expect(orders.status).toBe(200)
    expect(orders.body.orders).toEqual([])
  })
})
