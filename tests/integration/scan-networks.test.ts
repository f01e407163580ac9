import postgres from "postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_SUSPICIOUS_NETWORKS } from "@mae-mok/traceability"
import { DEV_STOREFRONT_API_SECRET } from "../../backend/src/lib/env"
import { adminApi, adminToken, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"

// A genuine label must not look copied because one person keeps opening it (refreshes, the language switch):
// the verdict counts different networks, every view is still counted (docs/decisions/0018-scan-verdict-counts-networks.md).

type Batch = { id: string; lot_number: string; variant: { barcode: string }; units: { serial: string; url: string }[] }

let app: TestApp
let sql: postgres.Sql
let oil: Batch

beforeAll(async () => {
  app = await startTestApp({ storefront: true })
  sql = postgres(app.db.url, { max: 2, onnotice: () => undefined })
  const api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  const { batches } = await api.ok("GET", "/admin/batches?status=released")
  const full: Batch[] = await Promise.all((batches as Json[]).map(async (b) => (await api.ok("GET", `/admin/batches/${b.id}`)).batch))
  oil = full.find((b) => b.lot_number.startsWith("MO") && b.units.length >= 6)!
})

afterAll(async () => {
  await sql?.end()
  await app?.stop()
})

/** The provenance page of a unit as the shop serves it, to a buyer behind `ip` (the storefront trusts its loopback proxy). */
async function page(serial: string, ip: string, lang?: "en") {
  const path = new URL(oil.units.find((u) => u.serial === serial)!.url).pathname + (lang ? `?lang=${lang}` : "")
  const res = await fetch(app.storefrontUrl + path, { headers: { "x-forwarded-for": ip } })
  expect(res.status, path).toBe(200)
  const html = await res.text()
  const verdict = /<section class="verdict (ok|warn)"[^>]*>.*?<p>(.*?)<\/p>/s.exec(html)
  expect(verdict, "the page shows a verdict").not.toBeNull()
  return { ok: verdict![1] === "ok", text: verdict![2]!.replace(/&#x27;/g, "'") }
}

/** The backend's unit route, as the storefront calls it: it believes x-forwarded-for only with the secret. */
async function api(serial: string, ip: string, secret: string | null = DEV_STOREFRONT_API_SECRET) {
  const res = await fetch(`${app.medusaUrl}/store/provenance/${oil.variant.barcode}/${oil.lot_number}/${serial}`, {
    headers: { "x-publishable-api-key": app.publishableKey, "x-forwarded-for": ip, ...(secret ? { "x-storefront-secret": secret } : {}) },
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as Json).provenance.scan as Json
}

const counters = async (serial: string) => {
  const [unit] = await sql`select scan_count, network_count from label_unit where serial = ${serial}`
  const [events] = await sql`select count(*)::int as n from scan_event where serial = ${serial}`
  return { views: Number(unit!.scan_count), networks: Number(unit!.network_count), events: Number(events!.n) }
}

describe("scan verdict by networks", () => {
  it("20 views from one buyer (refreshes, both languages) do not flag a genuine label, and the page says why", async () => {
    const serial = oil.units[0]!.serial
    let last = await page(serial, "198.51.100.20")
    for (let i = 2; i <= 20; i++) last = await page(serial, "198.51.100.20", i % 3 === 0 ? "en" : undefined)
    // The 20th view was in Thai (20 % 3 !== 0).
    expect(last.text).not.toContain("คัดลอก")
    expect(last.ok).toBe(true)
    expect(last.text).toMatch(/^สแกนแล้ว 20 ครั้ง จาก 1 เครื่อง\/เครือข่าย ตั้งแต่วันที่ .+ — ปกติสำหรับสินค้าหนึ่งชิ้น$/)
    expect(await counters(serial)).toEqual({ views: 20, networks: 1, events: 20 })
    const en = await page(serial, "198.51.100.20", "en")
    expect(en).toEqual({ ok: true, text: expect.stringMatching(/^Scanned 21 times from 1 device or network since \d{1,2} [A-Z][a-z]{2} \d{4} — normal for one item\.$/) })
  })

  it("flags a label opened from many different networks, in Thai and English, while every view is still counted", async () => {
    const serial = oil.units[1]!.serial
    // One IPv6 home (/64) with changing addresses is one network; the storefront forwards each buyer's IP.
    for (const ip of ["2001:db8:7:1::a", "2001:db8:7:1::b", "2001:db8:7:1:1234:5678:9abc:def0"]) await api(serial, ip)
    expect((await counters(serial)).networks).toBe(1)
    const verdicts: Json[] = []
    for (let i = 1; i < DEFAULT_SUSPICIOUS_NETWORKS; i++) verdicts.push(await api(serial, `203.0.113.${i}`))
    expect(verdicts.at(-1)).toMatchObject({ networkCount: DEFAULT_SUSPICIOUS_NETWORKS, suspicious: false })
    // Without the storefront's secret x-forwarded-for is not believed: both count as the socket's one address.
    await api(serial, "192.0.2.77", null)
    await api(serial, "192.0.2.78", null)
    const before = await counters(serial)
    expect(before.networks).toBe(DEFAULT_SUSPICIOUS_NETWORKS + 1)
    const th = await page(serial, "203.0.113.200")
    expect(th.ok).toBe(false)
    expect(th.text).toMatch(new RegExp(`^สแกนแล้ว ${before.views + 1} ครั้ง จาก ${DEFAULT_SUSPICIOUS_NETWORKS + 2} เครื่อง/เครือข่ายที่ต่างกัน .*ฉลากอาจถูกคัดลอก`))
    const en = await page(serial, "203.0.113.201", "en")
    expect(en.ok).toBe(false)
    expect(en.text).toMatch(new RegExp(`^Scanned ${before.views + 2} times from ${DEFAULT_SUSPICIOUS_NETWORKS + 3} different devices or networks .*may have been copied`))
    expect(await counters(serial)).toEqual({ views: before.views + 2, networks: DEFAULT_SUSPICIOUS_NETWORKS + 3, events: before.views + 2 })
    // The admin's list of possibly copied labels shows it, with both counts.
    const admin = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
    const { over_scanned } = await admin.ok("GET", "/admin/scans/suspicious")
    expect(over_scanned).toEqual([expect.objectContaining({ serial, network_count: DEFAULT_SUSPICIOUS_NETWORKS + 3, scan_count: before.views + 2 })])
    expect(JSON.stringify(await sql`select * from label_unit_network`)).not.toMatch(/203\.0\.113|2001:db8/)
  })

  it("counts networks in order within one batch, and exactly once under concurrent batches", async () => {
    const batch = async (scans: { serial: string; ip: string }[]) => {
      const res = await fetch(`${app.medusaUrl}/store/provenance/scans`, {
        method: "POST",
        headers: { "x-publishable-api-key": app.publishableKey, "content-type": "application/json", "x-storefront-secret": DEV_STOREFRONT_API_SECRET },
        body: JSON.stringify({ scans: scans.map((s) => ({ gtin: oil.variant.barcode, lot: oil.lot_number, serial: s.serial, client_ip: s.ip })) }),
      })
      expect(res.status).toBe(200)
      return ((await res.json()) as Json).results as Json[]
    }
    const [a, b] = [oil.units[2]!.serial, oil.units[3]!.serial]
    const r = await batch([
      { serial: a, ip: "198.51.100.1" },
      { serial: a, ip: "198.51.100.1" },
      { serial: b, ip: "198.51.100.1" },
      { serial: a, ip: "198.51.100.2" },
      { serial: a, ip: "198.51.100.1" },
      { serial: a, ip: "198.51.100.3" },
    ])
    expect(r.map((x) => [x.scan.scanCount, x.scan.networkCount])).toEqual([[1, 1], [2, 1], [1, 1], [3, 2], [4, 2], [5, 3]])

    // 8 batches at once, 12 scans each, over 24 networks and two serials: each network counts once per serial.
    const [c, d] = [oil.units[4]!.serial, oil.units[5]!.serial]
    const calls = Array.from({ length: 8 }, (_, k) =>
      batch(Array.from({ length: 12 }, (_, i) => ({ serial: (k + i) % 2 ? c : d, ip: `192.0.2.${(k * 5 + i * 7) % 24}` })))
    )
    const results = (await Promise.all(calls)).flat()
    expect(results.every((x) => x.status === 200)).toBe(true)
    for (const serial of [c, d]) {
      const sent = Array.from({ length: 8 }, (_, k) => Array.from({ length: 12 }, (_, i) => ({ serial: (k + i) % 2 ? c : d, ip: `192.0.2.${(k * 5 + i * 7) % 24}` })))
        .flat()
        .filter((s) => s.serial === serial)
      const distinct = new Set(sent.map((s) => s.ip)).size
      expect(await counters(serial)).toEqual({ views: sent.length, networks: distinct, events: sent.length })
      const [rows] = await sql`select count(*)::int as n from label_unit_network n join label_unit u on u.id = n.label_unit_id where u.serial = ${serial}`
      expect(Number(rows!.n)).toBe(distinct)
    }
  })
})
