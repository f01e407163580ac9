import type { HttpTypes } from "@medusajs/types"
import type { Locale } from "~/i18n"
import { formatAddress } from "../checkout/address.server"
import { mergeCartsOnLogin } from "../checkout/cart.server"
import { variantTitles } from "../catalogue/catalogue.server"
import { backendPost, customerHeaders, fetchStatus, forwardedClient, sdk } from "../medusa/medusa.server"
import { idSegment } from "../medusa/medusa-ids.server"
import type { ShopSession } from "./session.server"

// Customer accounts on Medusa's emailpass provider. The JWT is kept in the session cookie and sent per request.
// Logins and registrations go with the buyer's IP and the storefront's secret: the backend throttles them per IP
// and per account and enforces the password policy (docs/decisions/0024-throttling.md).

type AuthAnswer =
  | { ok: true; token: string }
  | { ok: false; status: number; code: string | null; reason: string | null; retryAfterSeconds: number | null }

async function authRequest(path: string, body: Record<string, string>, clientIp: string | undefined): Promise<AuthAnswer> {
  const answer = await backendPost(path, body, forwardedClient(clientIp))
  const token = answer.body?.token
  if (answer.status === 200 && typeof token === "string") return { ok: true, token }
  if (answer.status >= 500) throw new Error(`auth: the backend answered ${answer.status} to ${path}`)
  const text = (key: string) => (typeof answer.body?.[key] === "string" ? (answer.body[key] as string) : null)
  return { ok: false, status: answer.status, code: text("code"), reason: text("reason"), retryAfterSeconds: answer.retryAfterSeconds }
}

export type LoginResult = { ok: true } | { ok: false; throttled: false } | { ok: false; throttled: true; retryAfterSeconds: number }

export async function login(session: ShopSession, email: string, password: string, clientIp: string | undefined): Promise<LoginResult> {
  const answer = await authRequest("/auth/customer/emailpass", { email, password }, clientIp)
  if (!answer.ok) {
    return answer.retryAfterSeconds !== null ? { ok: false, throttled: true, retryAfterSeconds: answer.retryAfterSeconds } : { ok: false, throttled: false }
  }
  session.set("token", answer.token)
  const customer = await currentCustomer(session)
  if (!customer) {
    session.unset("token")
    return { ok: false, throttled: false }
  }
  session.set("customerName", customer.first_name ?? customer.email)
  await mergeCartsOnLogin(session, customer)
  return { ok: true }
}

/** Why the backend refused a new password (its policy's reason), as the page says it. */
export type PasswordReason = "missing" | "too_short" | "too_long" | "common" | "email"

export type RegisterResult =
  | { ok: true }
  | { ok: false; kind: "refused" }
  | { ok: false; kind: "password"; reason: PasswordReason }
  | { ok: false; kind: "throttled"; retryAfterSeconds: number }

/**
 * Registers a customer. An e-mail that has an account already is not announced as such: with that account's
 * password the shopper is simply logged in (as after a registration); otherwise the page says only that this
 * e-mail and password could not be registered (decision 0024 says what this does and does not hide).
 */
export async function register(
  session: ShopSession,
  input: { email: string; password: string; first_name: string; last_name: string; locale: Locale },
  clientIp: string | undefined
): Promise<RegisterResult> {
  const registration = await authRequest("/auth/customer/emailpass/register", { email: input.email, password: input.password }, clientIp)
  if (!registration.ok) {
    if (registration.retryAfterSeconds !== null) return { ok: false, kind: "throttled", retryAfterSeconds: registration.retryAfterSeconds }
    if (registration.code === "WEAK_PASSWORD") return { ok: false, kind: "password", reason: (registration.reason ?? "too_short") as PasswordReason }
    const returning = await login(session, input.email, input.password, clientIp)
    if (returning.ok) return { ok: true }
    return returning.throttled ? { ok: false, kind: "throttled", retryAfterSeconds: returning.retryAfterSeconds } : { ok: false, kind: "refused" }
  }
  try {
    await sdk.store.customer.create(
      // The locale: the language of the account's own mail (the verification link).
      { email: input.email, first_name: input.first_name, last_name: input.last_name, metadata: { locale: input.locale } },
      {},
      { authorization: `Bearer ${registration.token}` }
    )
  } catch (err) {
    if (fetchStatus(err) === 400 || fetchStatus(err) === 409) return { ok: false, kind: "refused" }
    throw err
  }
  // The registration token has no customer yet; log in for one that does.
  const loggedIn = await login(session, input.email, input.password, clientIp)
  if (loggedIn.ok) return { ok: true }
  return loggedIn.throttled ? { ok: false, kind: "throttled", retryAfterSeconds: loggedIn.retryAfterSeconds } : { ok: false, kind: "refused" }
}

export function logout(session: ShopSession): void {
  session.unset("token")
  session.unset("customerName")
  session.unset("cartId")
  session.set("cartCount", 0)
}

export async function currentCustomer(session: ShopSession): Promise<HttpTypes.StoreCustomer | null> {
  if (!session.get("token")) return null
  try {
    const { customer } = await sdk.store.customer.retrieve({ fields: "*addresses,+metadata" }, customerHeaders(session))
    return customer
  } catch (err) {
    if (fetchStatus(err) === 401) {
      session.unset("token")
      return null
    }
    throw err
  }
}

export async function listOrders(session: ShopSession, customerId: string): Promise<HttpTypes.StoreOrder[]> {
  const { orders } = await sdk.store.order.list(
    { limit: 50, order: "-created_at", fields: "id,display_id,status,created_at,total,currency_code,customer_id,*items" },
    customerHeaders(session)
  )
  // Medusa lists the token's customer's orders only; checked here as well (decision 0025).
  return orders.filter((o) => o.customer_id === customerId)
}

const ORDER_FIELDS =
  "id,display_id,status,email,metadata,created_at,total,subtotal,item_total,shipping_total,tax_total,currency_code,customer_id,*items,*shipping_address,*shipping_methods"

/**
 * One of the logged-in customer's own orders, or null (decision 0025): the backend answers the customer's token
 * only for their own orders, and the order's customer is compared here too. `orderId` must be a checked id.
 */
export async function customerOrder(session: ShopSession, customerId: string, orderId: string): Promise<HttpTypes.StoreOrder | null> {
  try {
    const { order } = await sdk.store.order.retrieve(idSegment("order", orderId), { fields: ORDER_FIELDS }, customerHeaders(session))
    return order.customer_id === customerId ? order : null
  } catch (err) {
    if (fetchStatus(err) === 404 || fetchStatus(err) === 401) return null
    throw err
  }
}

/**
 * An order this page has already decided the browser may see (it placed the order: its signed session says so,
 * or it came with a signed link): read with the storefront's secret, as for a guest, who has no token.
 */
export async function placedOrder(orderId: string): Promise<HttpTypes.StoreOrder | null> {
  try {
    const { order } = await sdk.store.order.retrieve(idSegment("order", orderId), { fields: ORDER_FIELDS }, forwardedClient())
    return order
  } catch (err) {
    if (fetchStatus(err) === 404) return null
    if (fetchStatus(err) === 401) console.error("orders: the backend refused the storefront's secret; STOREFRONT_API_SECRET must be the same in both")
    throw err
  }
}

export async function addAddress(session: ShopSession, address: HttpTypes.StoreCreateCustomerAddress): Promise<void> {
  await sdk.store.customer.createAddress(address, {}, customerHeaders(session))
}

export async function deleteAddress(session: ShopSession, addressId: string): Promise<void> {
  await sdk.store.customer.deleteAddress(idSegment("address", addressId), customerHeaders(session))
}

/** What the confirmation and order pages show of an order, with product names in the page's language. */
export async function orderView(order: HttpTypes.StoreOrder, locale: Locale) {
  const titles = await variantTitles(locale)
  return {
    displayId: order.display_id,
    email: order.email ?? null,
    date: new Date(order.created_at as string).toLocaleDateString(locale === "th" ? "th-TH" : "en-GB", { dateStyle: "long", timeZone: "Asia/Bangkok" }),
    address: await formatAddress(order.shipping_address, locale),
    shipping: order.shipping_methods?.[0]?.name ?? null,
    totals: { itemTotal: order.item_total, shippingTotal: order.shipping_total, taxTotal: order.tax_total, total: order.total },
    items: (order.items ?? []).map((i) => ({
      id: i.id,
      title: (i.variant_id && titles.get(i.variant_id)?.product) || i.product_title || i.title,
      variant: (i.variant_id && titles.get(i.variant_id)?.variant) || i.variant_title || "",
      quantity: i.quantity,
      total: i.total,
    })),
  }
}

export type ResetRequestResult = { ok: true } | { ok: false; retryAfterSeconds: number }

/**
 * Asks Medusa for a password-reset token; the backend mails the link to the storefront's reset page in `locale`
 * (backend/src/subscribers/password-reset-mail.ts). The answer is the same whether the e-mail has an account.
 */
export async function requestPasswordReset(email: string, locale: Locale, clientIp: string | undefined): Promise<ResetRequestResult> {
  const answer = await backendPost("/auth/customer/emailpass/reset-password", { identifier: email, metadata: { locale } }, forwardedClient(clientIp))
  if (answer.retryAfterSeconds !== null) return { ok: false, retryAfterSeconds: answer.retryAfterSeconds }
  if (answer.status >= 500) throw new Error(`reset request: the backend answered ${answer.status}`)
  return { ok: true }
}

export type ResetResult = { ok: true } | { ok: false; kind: "link" } | { ok: false; kind: "password"; reason: PasswordReason }

/** Sets the new password with the mailed token: Medusa accepts a token once, within its 15 minutes. */
export async function resetPassword(token: string, password: string, clientIp: string | undefined): Promise<ResetResult> {
  const answer = await backendPost("/auth/customer/emailpass/update", { password }, { ...forwardedClient(clientIp), authorization: `Bearer ${token}` })
  if (answer.status === 200) return { ok: true }
  if (answer.status >= 500) throw new Error(`reset: the backend answered ${answer.status}`)
  if (answer.body?.code === "WEAK_PASSWORD") return { ok: false, kind: "password", reason: String(answer.body.reason ?? "too_short") as PasswordReason }
  return { ok: false, kind: "link" }
}

/** The account's e-mail verification (backend lib/auth/email-verification.ts): verified since, or not yet. */
export function emailVerifiedAt(customer: HttpTypes.StoreCustomer): string | null {
  const at = customer.metadata?.email_verified_at
  return typeof at === "string" ? at : null
}

/** Posts the link's token from the verification mail: verified, or refused (used, expired, not ours). */
export async function verifyEmailLink(token: string, clientIp: string | undefined): Promise<boolean> {
  const answer = await backendPost("/store/email-verification", { token }, forwardedClient(clientIp))
  if (answer.status >= 500) throw new Error(`verify e-mail: the backend answered ${answer.status}`)
  return answer.status === 200
}

export type ResendResult = { ok: true } | { ok: false; retryAfterSeconds: number }

/** Asks for a new verification link for the logged-in customer (throttled by the backend). */
export async function resendVerification(session: ShopSession, clientIp: string | undefined): Promise<ResendResult> {
  const answer = await backendPost("/store/customers/me/email-verification", {}, { ...forwardedClient(clientIp), ...customerHeaders(session) })
  if (answer.status === 200) return { ok: true }
  if (answer.retryAfterSeconds !== null) return { ok: false, retryAfterSeconds: answer.retryAfterSeconds }
  throw new Error(`resend verification: the backend answered ${answer.status}`)
}
