import type { PublicProvenance, ScanVerdict } from "@mae-mok/traceability"
import { config } from "./config.server"

// Client of the backend's store provenance API (docs/api/provenance.md). Nothing here is cached: every unit
// call is a scan the backend counts, and a recall must show at once.

export type ProvenanceResult =
  | { status: 200; provenance: PublicProvenance }
  | { status: 400; code: string; part: string | null; message: string }
  | { status: 404; code: string; message: string; message_th: string | null; scan: ScanVerdict | null }
  | { status: 502; message: string }

const segment = encodeURIComponent

async function request(path: string, headers: Record<string, string>): Promise<Response | null> {
  try {
    return await fetch(`${config.medusaUrl}/store/provenance${path}`, {
      headers: { "x-publishable-api-key": config.publishableKey, ...headers },
    })
  } catch (err) {
    console.error("provenance: backend unreachable", err)
    return null
  }
}

async function call(path: string, headers: Record<string, string> = {}): Promise<ProvenanceResult> {
  const res = await request(path, { accept: "application/json", ...headers })
  if (!res) return { status: 502, message: "backend unreachable" }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null
  if (res.status === 200 && body && typeof body.provenance === "object" && body.provenance) {
    return { status: 200, provenance: body.provenance as PublicProvenance }
  }
  const text = (key: string) => (body && typeof body[key] === "string" ? (body[key] as string) : null)
  if (res.status === 400) return { status: 400, code: text("code") ?? "INVALID", part: text("part"), message: text("message") ?? "bad request" }
  if (res.status === 404) {
    return {
      status: 404,
      code: text("code") ?? "NOT_FOUND",
      message: text("message") ?? "not found",
      message_th: text("message_th"),
      scan: body && typeof body.scan === "object" && body.scan ? (body.scan as ScanVerdict) : null,
    }
  }
  console.error(`provenance: backend answered ${res.status} for ${path}`)
  return { status: 502, message: `backend answered ${res.status}` }
}

/** One lot's provenance. Records no scan. */
export function batchProvenance(gtin: string, lot: string): Promise<ProvenanceResult> {
  return call(`/${segment(gtin)}/${segment(lot)}`)
}

/** One unit's provenance and scan verdict: the backend counts this call as a scan of the buyer's IP. */
export function unitProvenance(gtin: string, lot: string, serial: string, clientIp: string | null): Promise<ProvenanceResult> {
  return call(`/${segment(gtin)}/${segment(lot)}/${segment(serial)}`, clientIp ? { "x-forwarded-for": clientIp } : {})
}

/** The lot's EPCIS 2.0 document, passed through as the backend wrote it (status, type and body). */
export async function epcisDocument(gtin: string, lot: string): Promise<{ status: number; contentType: string; body: string }> {
  const res = await request(`/${segment(gtin)}/${segment(lot)}/epcis`, { accept: "application/ld+json, application/json" })
  if (!res) return { status: 502, contentType: "application/json", body: JSON.stringify({ message: "backend unreachable" }) }
  return { status: res.status, contentType: res.headers.get("content-type") ?? "application/ld+json", body: await res.text() }
}

/** The latest released batch of a GTIN, for the product page summary (null when none is on record). */
export async function currentBatch(gtin: string): Promise<PublicProvenance | null> {
  const result = await call(`/${segment(gtin)}`)
  return result.status === 200 ? result.provenance : null
}
