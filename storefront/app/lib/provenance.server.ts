import type { PublicProvenance, ScanVerdict } from "@mae-mok/traceability"
import { config } from "./config.server"

// Provenance data is never cached here: every unit call is a scan the backend counts (docs/api/provenance.md).

export type ProvenanceResult =
  | { status: 200; provenance: PublicProvenance }
  | { status: 400; code: string; part: string | null; message: string }
  | { status: 404; code: string; message: string; message_th: string | null; scan: ScanVerdict | null }
  | { status: 502; message: string }

function segment(value: string): string {
  return encodeURIComponent(value)
}

async function call(path: string, headers: Record<string, string> = {}): Promise<ProvenanceResult> {
  let res: Response
  try {
    res = await fetch(`${config.medusaUrl}/store/provenance${path}`, {
      headers: { accept: "application/json", "x-publishable-api-key": config.publishableKey, ...headers },
    })
  } catch (err) {
    console.error("provenance: backend unreachable", err)
    return { status: 502, message: "backend unreachable" }
  }
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
      scan: body && typeof body.scan === "object" ? (body.scan as ScanVerdict) : null,
    }
  }
  console.error(`provenance: backend answered ${res.status} for ${path}`)
  return { status: 502, message: `backend answered ${res.status}` }
}

export function batchProvenance(gtin: string, lot: string): Promise<ProvenanceResult> {
  return call(`/${segment(gtin)}/${segment(lot)}`)
}

/** One unit's provenance + scan verdict. The buyer's IP is forwarded: the backend counts scans per request. */
export function unitProvenance(gtin: string, lot: string, serial: string, clientIp: string | null): Promise<ProvenanceResult> {
  return call(`/${segment(gtin)}/${segment(lot)}/${segment(serial)}`, clientIp ? { "x-forwarded-for": clientIp } : {})
}

/** The latest released batch of a GTIN, for the product page summary (null when none is on record). */
export async function currentBatch(gtin: string): Promise<PublicProvenance | null> {
  const result = await call(`/${segment(gtin)}`)
  return result.status === 200 ? result.provenance : null
}

export function epcisUrl(gtin: string, lot: string): string {
  return `${config.medusaUrl}/store/provenance/${segment(gtin)}/${segment(lot)}/epcis`
}
