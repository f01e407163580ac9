import crypto from "node:crypto"
import { readEnv } from "../env"

type Headers = Record<string, string | string[] | undefined>

let storefrontSecret: Buffer | undefined

/**
 * Does this request come from the shop's storefront? It sends STOREFRONT_API_SECRET in x-storefront-secret;
 * only then may a request say whose IP a scan came from (anyone can write x-forwarded-for).
 */
export function fromStorefront(headers: Headers): boolean {
  storefrontSecret ??= Buffer.from(readEnv().storefrontApiSecret)
  const sent = headers["x-storefront-secret"]
  const given = Buffer.from(typeof sent === "string" ? sent : "")
  return given.length === storefrontSecret.length && crypto.timingSafeEqual(given, storefrontSecret)
}

/** The buyer's IP: the first x-forwarded-for entry when the storefront vouches for it, else the socket's. */
export function clientIp(headers: Headers, socketIp: string | undefined): string {
  if (!fromStorefront(headers)) return socketIp || "unknown"
  const forwarded = headers["x-forwarded-for"]
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim()
  return first || socketIp || "unknown"
}
