import Medusa, { FetchError } from "@medusajs/js-sdk"
import { config } from "../config.server"
import type { ShopSession } from "../account/session.server"

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
 * read a guest's order (decisions 0024, 0025); without the secret every buyer would look like this server.
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

/** A store API refusal with its JSON body (code, message_th, limit, lines …), which the SDK's FetchError drops. */
export class StoreRefusal extends FetchError {
  constructor(
    readonly body: { code?: string; message?: string; [key: string]: unknown },
    statusText: string,
    status: number,
    /** A throttle's wait (429 Retry-After), in seconds. */
    readonly retryAfterSeconds: number | null = null
  ) {
    super(body.message ?? statusText, statusText, status)
  }
}

/**
 * POST to the store API like the SDK, but a refusal keeps its body (a StoreRefusal): for the cart writes whose
 * refusals the shop explains in its own words (quantity limits, stock, payment problems).
 */
export async function storePost<T>(session: ShopSession, path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${config.medusaUrl}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      "x-publishable-api-key": config.publishableKey,
      ...customerHeaders(session),
      ...headers,
    },
    body: JSON.stringify(body),
  })
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>
  if (!res.ok) {
    const wait = Number(res.headers.get("retry-after"))
    throw new StoreRefusal(json, res.statusText, res.status, res.status === 429 ? (Number.isFinite(wait) && wait > 0 ? wait : 60) : null)
  }
  return json as T
}

/** The code of a store API refusal (e.g. "out_of_stock"), if it had one. */
export function refusalCode(err: unknown): string | undefined {
  return err instanceof StoreRefusal && typeof err.body.code === "string" ? err.body.code : undefined
}
