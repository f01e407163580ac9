import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_GUESS_LIMIT } from "@mae-mok/traceability"
import { DEV_STOREFRONT_API_SECRET } from "../../backend/src/lib/env"
import { adminApi, adminToken, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"

// POST /store/provenance/scans (scans gathered by the storefront) and GET /store/content-version,
// docs/api/provenance.md and docs/decisions/0011-page-caching-and-scan-batching.md.

type Batch = { id: string; lot_number: string; variant: { barcode: string }; units: { serial: string }[] }

let app: TestApp
let sql: postgres.Sql
let oil: Batch
let ball: Batch

beforeAll(async () => {
  app = await startTestApp()
  sql = postgres(app.db.url, { max: 2, onnotice: () => undefined })
  const api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  const { batches } = await api.ok("GET", "/admin/batches?status=released")
  const full: Batch[] = await Promise.all((batches as Json[]).map(async (b) => (await api.ok("GET", `/admin/batches/${b.id}`)).batch))
  oil = full.find((b) => b.lot_number.startsWith("MO") && b.units.length >= 3)!
  ball = full.find((b) => b.lot_number.startsWith("CB") && b.units.length >= 1)!
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

async function scans(body: unknown, secret: string | null = DEV_STOREFRONT_API_SECRET) {
  const res = await fetch(`${app.medusaUrl}/store/provenance/scans`, {
    method: "POST",
    headers: { "x-publishable-api-key": app.publishableKey, "content-type": "application/json", ...(secret ? { "x-storefront-secret": secret } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Json }
}
const scan = (b: Batch, serial: string, ip: string) => ({ gtin: b.variant.barcode, lot: b.lot_number, serial, client_ip: ip })
const rows = async (serial: string) => Number((await sql`select count(*)::int as n from scan_event where serial = ${serial}`)[0]!.n)

describe("POST /store/provenance/scans", () => {
  it("answers each scan as the unit route would, in order, counting repeats of one serial in order", async () => {
    const [a, b] = [oil.units[0]!.serial, oil.units[1]!.serial]
    const { status, body } = await scans({
      scans: [scan(oil, a, "198.51.100.1"), scan(oil, a, "198.51.100.2"), scan(oil, b, "198.51.100.1"), scan(oil, "ZZZZZZZZZZZZZZZZ", "198.51.100.1"), scan(oil, ball.units[0]!.serial, "198.51.100.1"), scan(oil, "abc", "198.51.100.1"), { ...scan(oil, a, "198.51.100.1"), lot: "MO-1999-99" }, scan(oil, "A".repeat(21), "198.51.100.1")],
    })
    expect(status).toBe(200)
    const r = body.results as Json[]
    expect(r.map((x) => x.status)).toEqual([200, 200, 200, 404, 404, 404, 404, 400])
    expect(r[0]!.scan).toMatchObject({ kind: "first_scan", scanCount: 1 })
    expect(r[1]!.scan).toMatchObject({ kind: "repeat_scan", scanCount: 2 })
    expect(r[2]!.scan).toMatchObject({ kind: "first_scan", scanCount: 1 })
    expect(r[3]).toMatchObject({ code: "UNKNOWN_SERIAL", scan: { kind: "unknown_serial" } })
    expect(r[4]).toMatchObject({ code: "UNKNOWN_SERIAL", scan: { kind: "lot_mismatch" } })
    // "abc" is a serial GS1 allows but we never print: unknown (404); 21 characters break GS1 syntax: 400.
    expect(r[5]).toMatchObject({ code: "UNKNOWN_SERIAL", scan: { kind: "unknown_serial" } })
    expect(r[6]).toMatchObject({ code: "UNKNOWN_LOT" })
    expect(r[7]).toMatchObject({ code: "INVALID_DIGITAL_LINK", part: "serial" })
    for (const x of r.slice(3)) expect(x.message).toBeTruthy()
    // Genuine, unknown and mismatched scans are stored; malformed and unknown-lot ones are not.
    expect(await rows(a)).toBe(2)
    expect(await rows("ZZZZZZZZZZZZZZZZ")).toBe(1)
    expect(await rows("abc")).toBe(1) // an unknown code is counted, whatever its shape
    expect(await rows("A".repeat(21))).toBe(0)
    expect(Number((await sql`select scan_count from label_unit where serial = ${a}`)[0]!.scan_count)).toBe(2)
    const verdicts = await sql`select verdict, ip_hash from scan_event where serial = ${a} order by verdict`
    expect(verdicts.map((v) => v.verdict)).toEqual(["first_scan", "repeat_scan"])
    expect(JSON.stringify(verdicts)).not.toContain("198.51.100")
  })

  it("is only for the storefront: without its secret a batch is refused with 403 and nothing is written", async () => {
    const before = Number((await sql`select count(*)::int as n from scan_event`)[0]!.n)
    for (const secret of [null, "", "not-the-secret", `${DEV_STOREFRONT_API_SECRET}x`]) {
      const res = await scans({ scans: [scan(oil, oil.units[2]!.serial, "198.51.100.9")] }, secret)
      expect(res.status, String(secret)).toBe(403)
      expect(res.body).toMatchObject({ type: "not_allowed", code: "STOREFRONT_ONLY" })
      expect(res.body.message).toMatch(/storefront/)
    }
    expect(Number((await sql`select count(*)::int as n from scan_event`)[0]!.n)).toBe(before)
  })

  it("refuses malformed bodies with 400 and a message, writing nothing", async () => {
    const before = Number((await sql`select count(*)::int as n from scan_event`)[0]!.n)
    const tooMany = Array.from({ length: 101 }, () => scan(oil, oil.units[2]!.serial, "198.51.100.3"))
    for (const body of [{}, { scans: [] }, { scans: tooMany }, { scans: [{ gtin: oil.variant.barcode }] }, { scans: [{ ...scan(oil, "X", "1.2.3.4"), extra: 1 }] }, "{not json", { scans: "all" }]) {
      const res = await scans(body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(res.body.message).toBeTruthy()
    }
    // A lone UTF-16 surrogate cannot be part of a URL: that scan is a 400, the others still answer.
    const lone = await scans(`{"scans":[{"gtin":"${oil.variant.barcode}","lot":"\\ud800","serial":"${oil.units[2]!.serial}","client_ip":"1.2.3.4"}]}`)
    expect(lone.status).toBe(200)
    expect(lone.body.results[0]).toMatchObject({ status: 400, code: "INVALID_DIGITAL_LINK", part: "lot" })
    expect(Number((await sql`select count(*)::int as n from scan_event`)[0]!.n)).toBe(before)
  })

  it("limits refused codes per client IP like the unit route, while that IP's genuine scans still answer", async () => {
    const ip = "203.0.113.99"
    const guesses = Array.from({ length: DEFAULT_GUESS_LIMIT.limit + 5 }, (_, i) => scan(oil, `ZZZZZZZZZZZZZ${String(i).padStart(3, "0")}`, ip))
    await scans({ scans: guesses })
    const after = await scans({ scans: [scan(oil, "YYYYYYYYYYYYYYYY", ip), scan(oil, oil.units[2]!.serial, ip)] })
    expect(after.body.results[0]).toMatchObject({ status: 429, code: "TOO_MANY_GUESSES" })
    expect(after.body.results[0].retry_after_seconds).toBeGreaterThan(0)
    expect(after.body.results[1]).toMatchObject({ status: 200, scan: { kind: "first_scan" } })
    expect(await rows("YYYYYYYYYYYYYYYY"), "a limited client's refusals are not stored").toBe(0)
    // Another client is not limited.
    expect((await scans({ scans: [scan(oil, "YYYYYYYYYYYYYYYY", "203.0.113.100")] })).body.results[0].status).toBe(404)
  })
})

describe("GET /store/content-version", () => {
  it("changes when public content is written, not when a unit is scanned", async () => {
    const version = async () =>
      ((await (await fetch(`${app.medusaUrl}/store/content-version`, { headers: { "x-publishable-api-key": app.publishableKey } })).json()) as Json).version
    const v1 = await version()
    expect(v1).toMatch(/^[0-9a-f]{32}$/)
    await scans({ scans: [scan(oil, oil.units[1]!.serial, "198.51.100.7")] })
    expect(await version()).toBe(v1)
    await sql`update household set updated_at = now() where id = (select id from household limit 1)`
    expect(await version()).not.toBe(v1)
  })
})
