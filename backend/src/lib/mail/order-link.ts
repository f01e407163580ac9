import crypto from "node:crypto"
import { DEV_STOREFRONT_SESSION_SECRET } from "../env"

/**
 * The storefront's signed order link (storefront/app/lib/checkout/order-link.server.ts, decision 0025), made here for the
 * order e-mails: the same key derivation from STOREFRONT_SESSION_SECRET, which the launcher gives both processes.
 * The storefront test of verifyOrderLink and the mail test that opens this link in Chromium keep the two equal.
 */
const PURPOSE = "mae-mok order confirmation link v1"
const DAYS = 180

export function signedOrderUrl(storefrontUrl: string, orderId: string, lang: "th" | "en", now = Date.now()): string {
  const secret = process.env.STOREFRONT_SESSION_SECRET || DEV_STOREFRONT_SESSION_SECRET
  const key = crypto.createHmac("sha256", secret).update(PURPOSE).digest()
  const until = Math.floor(now / 1000) + DAYS * 86_400
  const sig = crypto.createHmac("sha256", key).update(`${orderId}\n${until}`).digest("base64url")
  const prefix = lang === "en" ? "/en" : ""
  return `${storefrontUrl}${prefix}/order/${encodeURIComponent(orderId)}/confirmed?until=${until}&sig=${sig}`
}
