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
    status: number
  ) {
    super(body.message ?? statusText, statusText, status)
  }
}

/**
 * POST to the store API like the SDK, but a refusal keeps its body (a StoreRefusal): for the cart writes whose
 * refusals the shop explains in its own words (quantity limits, stock, payment problems).
 */
export async function storePost<T>(session: ShopSession, path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${config.medusaUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "x-publishable-api-key": config.publishableKey, ...customerHeaders(session) },
    body: JSON.stringify(body),
  })
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>
  if (!res.ok) throw new StoreRefusal(json, res.statusText, res.status)
  return json as T
}

/** The code of a store API refusal (e.g. "out_of_stock"), if it had one. */
export function refusalCode(err: unknown): string | undefined {
  return err instanceof StoreRefusal && typeof err.body.code === "string" ? err.body.code : undefined
}
