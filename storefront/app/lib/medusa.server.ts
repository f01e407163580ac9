import Medusa, { FetchError } from "@medusajs/js-sdk"
import { config } from "./config.server"
import type { ShopSession } from "./session.server"

// One SDK instance for all requests. It stores no token ("nostore"): a customer's JWT is passed per
// request as a header (customerHeaders), so one customer's login can never leak into another's request.
export const sdk = new Medusa({
  baseUrl: config.medusaUrl,
  publishableKey: config.publishableKey,
  auth: { type: "jwt", jwtTokenStorageMethod: "nostore" },
})

export function customerHeaders(session: ShopSession): Record<string, string> {
  const token = session.get("token")
  return token ? { authorization: `Bearer ${token}` } : {}
}

/**
 * Headers that let the backend believe this server: its secret (STOREFRONT_API_SECRET) and, when given, the
 * buyer's IP. The backend throttles logins, registrations and placed orders per buyer IP and lets the storefront
 * read a guest's order (decisions 0014, 0015); without the secret every buyer would look like this server.
 */
export function forwardedClient(clientIp?: string | undefined): Record<string, string> {
  return { "x-storefront-secret": config.apiSecret, ...(clientIp ? { "x-forwarded-for": clientIp } : {}) }
}

/** The buyer's IP that server.js puts in the load context (Express's req.ip under TRUST_PROXY). */
export function clientIpOf(context: unknown): string | undefined {
  const ip = (context as { clientIp?: unknown } | null)?.clientIp
  return typeof ip === "string" && ip ? ip : undefined
}

export type BackendAnswer = {
  status: number
  body: Record<string, unknown> | null
  /** A throttle's wait (429 Retry-After), in seconds. */
  retryAfterSeconds: number | null
}

/**
 * A backend call whose refusals the page explains itself (429 with Retry-After, 400 with a code): plain fetch,
 * since the SDK's FetchError keeps only the message. Network failures throw, as the SDK's do.
 */
export async function backendPost(path: string, body: unknown, headers: Record<string, string> = {}): Promise<BackendAnswer> {
  const res = await fetch(config.medusaUrl + path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-publishable-api-key": config.publishableKey, ...headers },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  let json: Record<string, unknown> | null = null
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null
  } catch {
    json = null
  }
  const wait = Number(res.headers.get("retry-after"))
  return { status: res.status, body: json, retryAfterSeconds: res.status === 429 ? (Number.isFinite(wait) && wait > 0 ? wait : 60) : null }
}

export function isFetchError(err: unknown): err is FetchError {
  return err instanceof FetchError || (typeof err === "object" && err !== null && "status" in err && "message" in err)
}

export function fetchStatus(err: unknown): number | undefined {
  return isFetchError(err) ? (err as FetchError).status : undefined
}
