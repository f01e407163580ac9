import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CROCKFORD_ALPHABET, DEFAULT_GUESS_LIMIT, gs1CheckDigit } from "@mae-mok/traceability"
import { adminApi, adminToken, asStorefront, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"
import { pool } from "../support/pool"

// Issue 7: forged and tampered codes against the public provenance routes, and the guess limit.

type Batch = { id: string; lot_number: string; variant: { barcode: string }; units: { serial: string }[] }

let app: TestApp
let sql: postgres.Sql
let batches: Batch[]

beforeAll(async () => {
  app = await startTestApp()
  sql = postgres(app.db.url, { max: 2, onnotice: () => undefined })
  const api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  batches = (await api.ok("GET", "/admin/batches")).batches
  expect(batches.length).toBeGreaterThanOrEqual(2)
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

async function get(path: string, ip: string) {
  const res = await fetch(`${app.medusaUrl}${path}`, {
    headers: { "x-publishable-api-key": app.publishableKey, ...asStorefront(ip) },
  })
  const text = await res.text()
  let body: Json | null = null
  try {
    body = JSON.parse(text)
  } catch {
    body = null
  }
  return { status: res.status, type: res.headers.get("content-type") ?? "", retryAfter: res.headers.get("retry-after"), text, body }
}

// Seeded PRNG (mulberry32) so a failure can be replayed with the printed seed.
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T,>(xs: readonly T[] | string): T => xs[int(xs.length)] as T
  const str = (alphabet: string, len: number) => Array.from({ length: len }, () => pick<string>(alphabet)).join("")
  return { int, pick, str }
}

type Case = { path: string; expect: 400 | 404; part?: string; code?: string; what: string }

const DIGITS = "0123456789"
const CSET82_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._"
// Escapes of characters GS1 set 82 refuses (control, space, backslash, tilde, non-ASCII) and broken escapes.
const NOT_IN_SET_82 = ["%00", "%FF", "%E0%B8%81", "%20", "%ZZ", "%", "%5C", "'%20OR%201=1--", "%0A", "~", "%7F", "%C3%A9"]
// Escapes of characters GS1 set 82 allows: a serial with them is well formed, just not ours.
const IN_SET_82 = ["%2F", "%3Cscript%3E", "%22", "..%2F..", "'", "%25", "(%3B)"]
const NASTY = ["%00", "%FF", "%E0%B8%81", "%20", "%ZZ", "%", "%2F", "%5C", "%3Cscript%3E", "'%20OR%201=1--", "%22", "..%2F..", "%0A", "~", "%7F"]

function gtinWithCheck(body13: string) {
  return body13 + gs1CheckDigit(body13)
}

/** 10 000 forged requests: random and tampered GTINs, lots and serials, on the lot, unit and EPCIS routes. */
function forgedCases(seed: number): Case[] {
  const r = prng(seed)
  const realSerials = batches.flatMap((b) => b.units.map((u) => u.serial))
  const cases: Case[] = []
  const kinds: ((b: Batch) => Case)[] = [
    // a well-formed serial that was never printed
    (b) => ({ path: `/${b.variant.barcode}/${b.lot_number}/${r.str(CROCKFORD_ALPHABET, 16)}`, expect: 404, code: "UNKNOWN_SERIAL", what: "random serial" }),
    // a real serial with one character changed (still in the alphabet)
    (b) => {
      const s = r.pick(b.units).serial
      const i = r.int(16)
      const c = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(s[i]!) + 1 + r.int(31)) % 32]
      return { path: `/${b.variant.barcode}/${b.lot_number}/${s.slice(0, i)}${c}${s.slice(i + 1)}`, expect: 404, code: "UNKNOWN_SERIAL", what: "tampered serial" }
    },
    // a real serial of another lot: a copied label
    (b) => {
      const other = batches.find((x) => x.id !== b.id)!
      return { path: `/${b.variant.barcode}/${b.lot_number}/${r.pick(other.units).serial}`, expect: 404, code: "UNKNOWN_SERIAL", what: "serial of another lot" }
    },
    // well-formed GS1 serials that are not of our shape (wrong length up to 20, lowercase, letters Crockford leaves
    // out, other set-82 characters): a GS1 resolver does not know them, 404, and says the product may not be genuine
    (b) => {
      const s = r.pick(realSerials)
      const variants = [
        s.slice(0, r.int(16)) || "0",
        s + r.str(CROCKFORD_ALPHABET, 1 + r.int(4)),
        s.toLowerCase(),
        s.slice(0, 15) + r.pick("ILOU"),
        s.slice(0, 10) + r.pick(IN_SET_82),
      ]
      return { path: `/${b.variant.barcode}/${b.lot_number}/${r.pick(variants)}`, expect: 404, code: "UNKNOWN_SERIAL", what: "serial not of our shape" }
    },
    // serials that break GS1 syntax: longer than 20, characters outside set 82, broken escapes
    (b) => {
      const s = r.pick(realSerials)
      const variants = [s.slice(0, 14) + r.pick(NOT_IN_SET_82), r.str(CSET82_SAFE, 21 + r.int(40))]
      return { path: `/${b.variant.barcode}/${b.lot_number}/${r.pick(variants)}`, expect: 400, part: "serial", what: "malformed serial" }
    },
    // well-formed lots that do not exist, on the lot, unit and EPCIS routes
    (b) => {
      const lot = `${r.pick(["MO", "CB", "XX"])}-${r.str(DIGITS, 4)}-${r.str(DIGITS, 2)}`
      const tail = r.pick(["", `/${r.str(CROCKFORD_ALPHABET, 16)}`, "/epcis"])
      return { path: `/${b.variant.barcode}/${lot}${tail}`, expect: 404, code: "UNKNOWN_LOT", what: "unknown lot" }
    },
    // a real lot under the GTIN of another product
    (b) => {
      const other = batches.find((x) => x.variant.barcode !== b.variant.barcode)!
      return { path: `/${other.variant.barcode}/${b.lot_number}${r.pick(["", "/epcis", `/${r.pick(b.units).serial}`])}`, expect: 404, code: "UNKNOWN_LOT", what: "lot of another GTIN" }
    },
    // malformed lots: too long, characters outside GS1 set 82, broken escapes
    (b) => {
      const lot = r.pick([r.str(CSET82_SAFE, 21 + r.int(30)), `MO${r.pick(NOT_IN_SET_82)}-Q`, "%E0%B8%A5%E0%B9%87%E0%B8%AD%E0%B8%95"])
      return { path: `/${b.variant.barcode}/${lot}${r.pick(["", "/epcis", `/${r.pick(b.units).serial}`])}`, expect: 400, part: "lot", what: "malformed lot" }
    },
    // GTINs with a correct check digit that are not ours
    (b) => {
      const gtin = gtinWithCheck(r.str(DIGITS, 13))
      return { path: `/${gtin}/${b.lot_number}${r.pick(["", "/epcis", `/${r.pick(b.units).serial}`])}`, expect: 404, code: "UNKNOWN_LOT", what: "foreign GTIN" }
    },
    // tampered GTINs: wrong check digit, wrong length, letters, escapes
    (b) => {
      const g = b.variant.barcode
      const wrongCheck = g.slice(0, 13) + ((Number(g[13]) + 1 + r.int(9)) % 10)
      const gtin = r.pick([wrongCheck, g.slice(0, 13), g + r.str(DIGITS, 1 + r.int(5)), g.slice(0, 12), `${g.slice(0, 6)}A${g.slice(7)}`, r.str(DIGITS, 1 + r.int(12)), `${g.slice(0, 13)}${r.pick(NASTY)}`])
      return { path: `/${gtin}/${b.lot_number}${r.pick(["", "/epcis", `/${r.pick(b.units).serial}`])}`, expect: 400, part: "gtin", what: "tampered GTIN" }
    },
  ]
  for (let i = 0; i < 10_000; i++) {
    const c = kinds[i % kinds.length]!(r.pick(batches))
    cases.push({ ...c, path: `/store/provenance${c.path}` })
  }
  return cases
}

/** A path Express cannot decode ("%ZZ", "%FF"): refused before the route, with code MALFORMED_URL. */
function undecodable(path: string): boolean {
  try {
    path.split("/").forEach((segment) => decodeURIComponent(segment))
    return false
  } catch {
    return true
  }
}

describe("forged codes", () => {
  it("answers 10 000 random and tampered GTINs, lots and serials with 404 or 400 and a clear JSON body, never 5xx", async () => {
    const seed = Number(process.env.FORGED_SEED ?? Date.now() % 1_000_000)
    const cases = forgedCases(seed)
    const started = performance.now()
    // One client address per request: this test is about the answers, the guess limit has its own test.
    const answers = await pool(cases, 20, (c, i) => get(c.path, `198.18.${(i >> 8) & 255}.${i & 255}`))
    const seconds = (performance.now() - started) / 1000
    console.log(`forged codes (seed ${seed}): ${cases.length} requests in ${seconds.toFixed(1)} s, ${(cases.length / seconds).toFixed(0)} req/s at 20 in flight`)

    const wrong: string[] = []
    const statuses = new Map<number, number>()
    answers.forEach((a, i) => {
      const c = cases[i]!
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1)
      const body = a.body
      const ok =
        a.status === c.expect &&
        a.type.startsWith("application/json") &&
        body !== null &&
        typeof body.message === "string" && body.message.length > 10 &&
        (c.code === undefined || body.code === c.code) &&
        (c.part === undefined || (body.code === "INVALID_DIGITAL_LINK" && body.part === c.part) || (undecodable(c.path) && body.code === "MALFORMED_URL") || (c.path.includes("%00") && body.code === "NUL_IN_URL")) &&
        (a.status !== 404 || typeof body.message_th === "string")
      if (!ok && wrong.length < 20) wrong.push(`${c.what} ${c.path} → ${a.status} ${a.text.slice(0, 200)}`)
    })
    console.log(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`)
    expect(wrong, `seed ${seed}`).toEqual([])
    expect([...statuses.keys()].every((s) => s === 400 || s === 404)).toBe(true)
  }, 600_000)
})

describe("guess limit", () => {
  const oil = () => batches.find((b) => b.lot_number.startsWith("MO"))!
  const unitPath = (serial: string, b = oil()) => `/store/provenance/${b.variant.barcode}/${b.lot_number}/${serial}`
  const unknownSerial = (i: number) => `ZZZZ${String(i).padStart(12, "0")}`

  it("answers 429 with Retry-After to a client that keeps guessing, while genuine labels still answer 200", async () => {
    const guesser = "203.0.113.50"
    const neighbour = "203.0.113.51"
    const limit = DEFAULT_GUESS_LIMIT.limit
    // Up to the limit a guess is answered plainly (sequential: the limit is checked before each request).
    for (let i = 0; i < limit; i++) {
      const a = await get(unitPath(unknownSerial(i)), guesser)
      expect(a.status).toBe(404)
      expect(a.body?.code).toBe("UNKNOWN_SERIAL")
    }
    const limited = await get(unitPath(unknownSerial(limit)), guesser)
    expect(limited.status).toBe(429)
    expect(limited.type).toMatch(/^application\/json/)
    expect(limited.body).toMatchObject({ type: "too_many_requests", code: "TOO_MANY_GUESSES" })
    expect(limited.body!.message).toMatch(/Too many unknown or malformed codes/)
    expect(limited.body!.message_th).toBeTruthy()
    const retryAfter = Number(limited.retryAfter)
    expect(Number.isInteger(retryAfter)).toBe(true)
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(DEFAULT_GUESS_LIMIT.windowMs / 1000)
    expect(limited.body!.retry_after_seconds).toBe(retryAfter)
    // Codes of another shape and links that break GS1 are guesses too; the proxy hop after the client's address
    // does not matter.
    expect((await get(unitPath("not-a-serial"), guesser)).status).toBe(429)
    expect((await get(unitPath("X".repeat(21)), guesser)).status).toBe(429)

    // Genuine labels: the guesser's own network still gets its answer and the scan is counted.
    const b = oil()
    const genuine = b.units[5]!.serial
    const fromGuesser = await get(unitPath(genuine), guesser)
    expect(fromGuesser.status).toBe(200)
    expect(fromGuesser.body!.provenance.scan.kind).toBe("first_scan")
    const fromNeighbour = await get(unitPath(genuine), neighbour)
    expect(fromNeighbour.status).toBe(200)
    expect(fromNeighbour.body!.provenance.scan.scanCount).toBe(2)
    const [row] = await sql<{ scan_count: number }[]>`SELECT scan_count FROM label_unit WHERE serial = ${genuine}`
    expect(row!.scan_count).toBe(2)

    // Another client guessing is answered plainly; the lot page is not limited.
    const other = await get(unitPath(unknownSerial(999)), neighbour)
    expect(other.status).toBe(404)
    expect(other.body!.code).toBe("UNKNOWN_SERIAL")
    expect((await get(`/store/provenance/${b.variant.barcode}/${b.lot_number}`, guesser)).status).toBe(200)

    // Refusals while limited are not stored: the flood does not become rows.
    const stored = await sql<{ serial: string }[]>`SELECT serial FROM scan_event WHERE serial LIKE 'ZZZZ%'`
    const serials = new Set(stored.map((s) => s.serial))
    expect(serials.size).toBe(limit + 1) // the guesser's `limit` answered guesses and the neighbour's one
    expect(serials.has(unknownSerial(limit))).toBe(false)
  })

  it("counts both kinds of refusal: serials of another shape (404) and links that break GS1 (400)", async () => {
    const guesser = "203.0.113.70"
    const statuses: number[] = []
    for (let i = 0; i < DEFAULT_GUESS_LIMIT.limit; i++) {
      statuses.push((await get(unitPath(i % 2 ? `abc${i}` : `${"X".repeat(21)}${i}`), guesser)).status)
    }
    expect(statuses).toEqual(Array.from({ length: DEFAULT_GUESS_LIMIT.limit }, (_, i) => (i % 2 ? 404 : 400)))
    expect((await get(unitPath(oil().units[6]!.serial), guesser)).status).toBe(200)
    expect((await get(unitPath("abc"), guesser)).status).toBe(429)
  })

  it("limits a burst of concurrent guesses from one client to about the limit (plus what was in flight)", async () => {
    const guesser = "203.0.113.60"
    const statuses = await pool(
      Array.from({ length: 100 }, (_, i) => i),
      10,
      async (i) => (await get(unitPath(unknownSerial(10_000 + i)), guesser)).status
    )
    const answered = statuses.filter((s) => s === 404).length
    expect(statuses.filter((s) => s !== 404 && s !== 429)).toEqual([])
    expect(answered).toBeGreaterThanOrEqual(DEFAULT_GUESS_LIMIT.limit)
    expect(answered).toBeLessThanOrEqual(DEFAULT_GUESS_LIMIT.limit + 10)
  })

  it("does not let a caller other than the storefront dodge the limit by writing x-forwarded-for", async () => {
    // Without the storefront's secret the socket's address counts, whatever x-forwarded-for says.
    const statuses: number[] = []
    for (let i = 0; i < DEFAULT_GUESS_LIMIT.limit + 3; i++) {
      const res = await fetch(`${app.medusaUrl}${unitPath(unknownSerial(20_000 + i))}`, {
        headers: { "x-publishable-api-key": app.publishableKey, "x-forwarded-for": `198.18.200.${i}` },
      })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, DEFAULT_GUESS_LIMIT.limit).every((s) => s === 404)).toBe(true)
    expect(statuses.slice(DEFAULT_GUESS_LIMIT.limit)).toEqual([429, 429, 429])
    // What was stored is the socket's hashed address, not the spoofed ones.
    const hashes = await sql<{ ip_hash: string }[]>`SELECT DISTINCT ip_hash FROM scan_event WHERE serial LIKE 'ZZZZ00000002%'`
    expect(hashes.length).toBe(1)
  })
})
