import type { HttpTypes } from "@medusajs/types"
import type { Locale } from "~/i18n"
import { formatAddress } from "./address.server"
import { mergeCartsOnLogin } from "./cart.server"
import { variantTitles } from "./catalogue.server"
import { customerHeaders, fetchStatus, sdk } from "./medusa.server"
import type { ShopSession } from "./session.server"

// Customer accounts on Medusa's emailpass provider. The JWT is kept in the session cookie and sent per request.

async function authRequest(path: string, body: Record<string, string>): Promise<string | null> {
  try {
    const { token } = await sdk.client.fetch<{ token: string }>(path, { method: "POST", body })
    return token
  } catch (err) {
    const status = fetchStatus(err)
    if (status === 401 || status === 400) return null
    throw err
  }
}

export async function login(session: ShopSession, email: string, password: string): Promise<boolean> {
  const token = await authRequest("/auth/customer/emailpass", { email, password })
  if (!token) return false
  session.set("token", token)
  const customer = await currentCustomer(session)
  if (!customer) {
    session.unset("token")
    return false
  }
  session.set("customerName", customer.first_name ?? customer.email)
  await mergeCartsOnLogin(session, customer)
  return true
}

export type RegisterResult = "ok" | "exists"

export async function register(
  session: ShopSession,
  input: { email: string; password: string; first_name: string; last_name: string }
): Promise<RegisterResult> {
  const registration = await authRequest("/auth/customer/emailpass/register", { email: input.email, password: input.password })
  if (!registration) return "exists"
  try {
    await sdk.store.customer.create(
      { email: input.email, first_name: input.first_name, last_name: input.last_name },
      {},
      { authorization: `Bearer ${registration}` }
    )
  } catch (err) {
    if (fetchStatus(err) === 400 || fetchStatus(err) === 409) return "exists"
    throw err
  }
  // The registration token has no customer yet; log in for one that does.
  return (await login(session, input.email, input.password)) ? "ok" : "exists"
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

export async function listOrders(session: ShopSession): Promise<HttpTypes.StoreOrder[]> {
  const { orders } = await sdk.store.order.list(
    { limit: 50, order: "-created_at", fields: "id,display_id,status,created_at,total,currency_code,*items" },
    customerHeaders(session)
  )
  return orders
}

export async function retrieveOrder(session: ShopSession, id: string): Promise<HttpTypes.StoreOrder | null> {
  try {
    const { order } = await sdk.store.order.retrieve(
      id,
      { fields: "id,display_id,status,email,created_at,total,subtotal,item_total,shipping_total,tax_total,currency_code,customer_id,*items,*shipping_address,*shipping_methods" },
      customerHeaders(session)
    )
    return order
  } catch (err) {
    if (fetchStatus(err) === 404 || fetchStatus(err) === 401) return null
    throw err
  }
}

export async function addAddress(session: ShopSession, address: HttpTypes.StoreCreateCustomerAddress): Promise<void> {
  await sdk.store.customer.createAddress(address, {}, customerHeaders(session))
}

export async function deleteAddress(session: ShopSession, addressId: string): Promise<void> {
  await sdk.store.customer.deleteAddress(addressId, customerHeaders(session))
}

/** What the confirmation and order pages show of an order, with product names in the page's language. */
export async function orderView(order: HttpTypes.StoreOrder, locale: Locale) {
  const titles = await variantTitles(locale)
  return {
    displayId: order.display_id,
    email: order.email ?? null,
    date: new Date(order.created_at as string).toLocaleDateString(locale === "th" ? "th-TH" : "en-GB", { dateStyle: "long", timeZone: "Asia/Bangkok" }),
    address: formatAddress(order.shipping_address),
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
