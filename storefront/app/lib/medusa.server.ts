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
