import type { PublicProvenance, ScanAnswer, ScanVerdict } from "@mae-mok/traceability"
import { createSwrCache } from "../render/cache.server"
import { config } from "../config.server"
import { contentStamp } from "../render/content-version.server"
import { mediaUrl } from "../medusa/media.server"

// Client of the backend's store provenance API (docs/api/provenance.md). A lot's public projection is the
// same for everyone and is cached under the content stamp; a unit scan is never cached: each one is sent
// to the backend, which counts it (gathered into one call per batch, see recordScan).

export type ProvenanceResult =
  | { status: 200; provenance: PublicProvenance }
  | { status: 400; code: string; part: string | null; message: string }
  | { status: 404; code: string; message: string; message_th: string | null; scan: ScanVerdict | null }
  | { status: 429; retryAfterSeconds: number }
  | { status: 502; message: string }

const segment = encodeURIComponent
const lots = createSwrCache({ freshMs: config.catalogueFreshMs, maxAgeMs: config.catalogueMaxAgeMs, maxEntries: 500, maxBytes: 32 * 1024 * 1024, ...contentStamp })

async function request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response | null> {
  try {
    return await fetch(`${config.medusaUrl}/store/provenance${path}`, {
      ...init,
      // The secret lets the backend believe the buyer IPs this server forwards (decision 0010).
      headers: { "x-publishable-api-key": config.publishableKey, "x-storefront-secret": config.apiSecret, ...init.headers },
    })
  } catch (err) {
    console.error("provenance: backend unreachable", err)
    return null
  }
}

/** A backend answer (status and JSON body) as the page's result type. */
function toResult(status: number, body: Record<string, unknown> | null, what: string): ProvenanceResult {
  if (status === 200 && body && typeof body.provenance === "object" && body.provenance) {
    const provenance = body.provenance as PublicProvenance
    // Household photos are stored relative to the backend, like product images (media.server.ts).
    return { status: 200, provenance: { ...provenance, households: provenance.households.map((h) => ({ ...h, photoUrl: mediaUrl(h.photoUrl) })) } }
  }
  const text = (key: string) => (body && typeof body[key] === "string" ? (body[key] as string) : null)
  if (status === 400) return { status: 400, code: text("code") ?? "INVALID", part: text("part"), message: text("message") ?? "bad request" }
  if (status === 404) {
    return {
      status: 404,
      code: text("code") ?? "NOT_FOUND",
      message: text("message") ?? "not found",
      message_th: text("message_th"),
      scan: body && typeof body.scan === "object" && body.scan ? (body.scan as ScanVerdict) : null,
    }
  }
  // The guess limit (decision 0010): this client tried too many unknown codes.
  if (status === 429) {
    const seconds = body && typeof body.retry_after_seconds === "number" ? body.retry_after_seconds : 60
    return { status: 429, retryAfterSeconds: seconds }
  }
  console.error(`provenance: backend answered ${status} for ${what}`)
  return { status: 502, message: `backend answered ${status}` }
}

async function call(path: string): Promise<ProvenanceResult> {
  const res = await request(path, { headers: { accept: "application/json" } })
  if (!res) return { status: 502, message: "backend unreachable" }
  return toResult(res.status, (await res.json().catch(() => null)) as Record<string, unknown> | null, path)
}

/** One lot's provenance (records no scan); found lots are cached until the content stamp changes. */
export function batchProvenance(gtin: string, lot: string): Promise<ProvenanceResult> {
  return lots.get(`${gtin}/${lot}`, () => call(`/${segment(gtin)}/${segment(lot)}`), (result) => result.status === 200)
}

export type ScanResult =
  | { status: 200; scan: ScanVerdict }
  | Exclude<ProvenanceResult, { status: 200 }>

type PendingScan = { scan: { gtin: string; lot: string; serial: string; client_ip: string }; resolve: (result: ScanResult) => void }
const MAX_SCANS_PER_CALL = 100
// Under load a call waits up to LINGER_MS for FULL_BATCH scans: Medusa spends a few ms on any store call,
// so fuller calls cost it less per scan. The first scan after a quiet spell goes at once.
const FULL_BATCH = 32
const LINGER_MS = 10
let queue: PendingScan[] = []
let sending = false

/**
 * Sends the waiting scans, one backend call at a time: the scans that arrive during a call go together in
 * the next one (group commit; one call in flight measured cheaper for Medusa than two or four). Each buyer's
 * page waits for its own scan to be stored, so a scan is never lost on shutdown, and the verdict ("first
 * scan", "scanned N times") is the backend's.
 */
async function sendScans(): Promise<void> {
  sending = true
  try {
    for (let first = true; queue.length > 0; first = false) {
      if (!first && queue.length < FULL_BATCH) await new Promise((r) => setTimeout(r, LINGER_MS))
      const batch = queue.slice(0, MAX_SCANS_PER_CALL)
      queue = queue.slice(MAX_SCANS_PER_CALL)
      const res = await request("/scans", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scans: batch.map((p) => p.scan) }),
      })
      const body = res ? ((await res.json().catch(() => null)) as { results?: ScanAnswer[] } | null) : null
      batch.forEach((pending, i) => {
        const result = res?.status === 200 ? body?.results?.[i] : undefined
        if (!result) return pending.resolve({ status: 502, message: res ? `backend answered ${res.status}` : "backend unreachable" })
        if (result.status === 200 && result.scan) return pending.resolve({ status: 200, scan: result.scan })
        pending.resolve(toResult(result.status, result, "a unit scan") as ScanResult)
      })
    }
  } finally {
    sending = false
  }
}

/** Records one unit scan of the buyer's IP; resolves with the backend's verdict once it is stored. */
export function recordScan(gtin: string, lot: string, serial: string, clientIp: string | null): Promise<ScanResult> {
  return new Promise((resolve) => {
    queue.push({ scan: { gtin, lot, serial, client_ip: clientIp ?? "unknown" }, resolve })
    if (!sending) void sendScans()
  })
}

/** The lot's EPCIS 2.0 document, passed through as the backend wrote it (status, type and body). */
export async function epcisDocument(gtin: string, lot: string): Promise<{ status: number; contentType: string; body: string }> {
  const res = await request(`/${segment(gtin)}/${segment(lot)}/epcis`, { headers: { accept: "application/ld+json, application/json" } })
  if (!res) return { status: 502, contentType: "application/json", body: JSON.stringify({ message: "backend unreachable" }) }
  return { status: res.status, contentType: res.headers.get("content-type") ?? "application/ld+json", body: await res.text() }
}

/** The latest released batch of a GTIN, for the product page summary (null when none is on record). */
export async function currentBatch(gtin: string): Promise<PublicProvenance | null> {
  const result = await lots.get(`${gtin}`, () => call(`/${segment(gtin)}`), (r) => r.status === 200)
  return result.status === 200 ? result.provenance : null
}

export type LabelReport = {
  gtin: string
  lot: string
  serial: string | null
  reason: string
  message: string
  where_bought: string | null
  contact: string | null
}

export type ReportResult =
  | { status: 201 }
  | { status: 400; message: string; message_th: string }
  | { status: 429; retryAfterSeconds: number }
  | { status: 502 }

/**
 * Sends a buyer's "suspicious label" report to the backend, which throttles it per buyer IP (forwarded with
 * this server's secret, as scans are) and stores it for the group.
 */
export async function sendLabelReport(report: LabelReport, clientIp: string | null): Promise<ReportResult> {
  const res = await request("/reports", {
    method: "POST",
    headers: { "content-type": "application/json", ...(clientIp ? { "x-forwarded-for": clientIp } : {}) },
    body: JSON.stringify(report),
  })
  if (!res) return { status: 502 }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null
  if (res.status === 201) return { status: 201 }
  if (res.status === 400) {
    return { status: 400, message: String(body?.message ?? "invalid report"), message_th: String(body?.message_th ?? body?.message ?? "ข้อมูลไม่ถูกต้อง") }
  }
  if (res.status === 429) return { status: 429, retryAfterSeconds: typeof body?.retry_after_seconds === "number" ? body.retry_after_seconds : 3600 }
  console.error(`provenance: backend answered ${res.status} for a label report`)
  return { status: 502 }
}
