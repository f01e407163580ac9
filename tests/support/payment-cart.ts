import postgres from "postgres"
import { DEV_STOREFRONT_API_SECRET } from "../../backend/src/lib/env"
import type { TestApp } from "./app"

/**
 * Headers of a call the storefront makes for a buyer at this IP: the backend counts throttles (placed orders,
 * logins) per buyer IP, which it believes only with the storefront's secret (docs/decisions/0024-throttling.md).
 */
export function buyerAt(app: Pick<TestApp, "env">, ip: string): Record<string, string> {
  return { "x-storefront-secret": app.env.STOREFRONT_API_SECRET || DEV_STOREFRONT_API_SECRET, "x-forwarded-for": ip }
}

/** Store and admin API calls the payment suites share: a cart up to its payment step, and the rows behind it. */
export function storeClient(app: Pick<TestApp, "medusaUrl" | "publishableKey">) {
  async function call(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${app.medusaUrl}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : { "x-publishable-api-key": app.publishableKey }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
  return {
    call,
    async adminToken(email: string, password: string): Promise<string> {
      const res = await fetch(`${app.medusaUrl}/auth/user/emailpass`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      })
      return (await res.json()).token
    },
    /** A cart with the given SKUs, a Thai address and EMS shipping: ready for payment. */
    async cartReadyToPay(items: { sku: string; quantity: number }[], email = "somchai@example.com") {
      const { body: regions } = await call("GET", "/store/regions")
      const region = regions.regions[0]
      const { body: products } = await call("GET", `/store/products?fields=*variants&limit=50`)
      const variants = products.products.flatMap((p: { variants: { id: string; sku: string }[] }) => p.variants)
      const lines = items.map((item) => {
        const variant = variants.find((v: { sku: string }) => v.sku === item.sku)
        if (!variant) throw new Error(`no variant ${item.sku}`)
        return { variant_id: variant.id, quantity: item.quantity }
      })
      const created = await call("POST", "/store/carts", {
        region_id: region.id,
        email,
        items: lines,
        shipping_address: {
          first_name: "สมชาย",
          last_name: "ใจดี",
          address_1: "99 ถนนพหลโยธิน",
          city: "เถิน",
          province: "ลำปาง",
          postal_code: "52160",
          country_code: "th",
          phone: "0812345678",
        },
      })
      if (created.status !== 200) throw new Error(`cart: ${JSON.stringify(created.body)}`)
      const cart = created.body.cart
      const { body: options } = await call("GET", `/store/shipping-options?cart_id=${cart.id}`)
      const ems = options.shipping_options.find((o: { amount: number }) => o.amount === 60) ?? options.shipping_options[0]
      const shipped = await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: ems.id })
      if (shipped.status !== 200) throw new Error(`shipping: ${JSON.stringify(shipped.body)}`)
      return { cart: shipped.body.cart as { id: string; total: number; region_id: string }, region }
    },
    /** Creates the cart's payment collection and a session with the provider, as the storefront does. */
    async startPayment(cartId: string, providerId: string) {
      const collection = await call("POST", "/store/payment-collections", { cart_id: cartId })
      if (collection.status !== 200) throw new Error(`payment collection: ${JSON.stringify(collection.body)}`)
      const session = await call("POST", `/store/payment-collections/${collection.body.payment_collection.id}/payment-sessions`, {
        provider_id: providerId,
      })
      return session
    },
  }
}

/** Runs one query against the app's database. */
export async function sql<T extends Record<string, unknown>>(app: Pick<TestApp, "db">, run: (db: postgres.Sql) => Promise<T[]>): Promise<T[]> {
  const db = postgres(app.db.url, { max: 1, onnotice: () => undefined })
  try {
    return await run(db)
  } finally {
    await db.end()
  }
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
