/**
 * The whole checkout under load (issue 17): 20 shoppers at once, each order on a cart of its own, through the
 * storefront's own forms (product page → add → e-mail → address → shipping → payment → place → confirmation,
 * as a browser without JavaScript sends them: cookies, CSRF tokens, redirects) and, alternating with it, the same
 * steps straight against Medusa's Store API with @medusajs/js-sdk, on the same Medusa. Both end in real orders
 * (bank transfer: Medusa's manual provider, no keys needed), counted in the database afterwards.
 *
 * Alone, for development: `node --import tsx bench/checkout-flow.ts` (after `npm run build`) boots its own
 * throwaway shop; `npm run bench` calls `benchCheckoutFlow` near its end.
 */
import fs from "node:fs"
import http from "node:http"
import path from "node:path"
import { pathToFileURL } from "node:url"
import Medusa from "@medusajs/js-sdk"
import type postgres from "postgres"
import type { AdminApi, Json } from "../tests/support/admin-api"
import { Visitor, type Page } from "../tests/support/storefront-visitor"
import { addBenchCatalogue } from "./catalogue"
import { startBenchShop } from "./shop"

const SHOPPERS = 20
/** Orders each shopper places in each measured phase (each on a new cart). */
const ORDERS_PER_SHOPPER = Number(process.env.BENCH_CHECKOUT_ORDERS || 2)
/** Phases per flow, run alternately (sdk, storefront, sdk, storefront …) so both share the machine's load. */
const ROUNDS = Number(process.env.BENCH_CHECKOUT_ROUNDS || 2)
/** Issue 17: the storefront's time per order at most 20 % over the same flow done with the SDK. */
export const CHECKOUT_OVERHEAD_MAX_PCT = 20
/** The seeded shop's products (its four variants keep their stock, raised here; prices do not matter). */
const PRODUCT_HANDLES = ["mok-prai-herbal-massage-oil", "ceramic-herbal-compress-ball"]
const STOCK = 100_000

type Flow = "sdk" | "storefront"
const STEPS: Record<Flow, string[]> = {
  sdk: ["add", "address", "shipping", "payment", "place"],
  storefront: ["add", "email", "address", "shipping", "payment", "place"],
}

const ADDRESS = {
  first_name: "ทดสอบ",
  last_name: "สั่งซื้อพร้อมกัน",
  phone: "0812345678",
  address_1: "99 หมู่ 1",
  country_code: "th",
  province: "ลำปาง",
  district: "เถิน",
  sub_district: "แม่มอก",
  postal_code: "52160",
}
const medusaAddress = { ...ADDRESS, address_2: ADDRESS.sub_district, city: ADDRESS.district, district: undefined, sub_district: undefined }

/**
 * The checkout's forms up to the review, as a shopper fills them in on the page each shows: the whole-checkout
 * flow below and the bench's per-step pages (run.ts, carts left at the review) use the same.
 */
export const CHECKOUT_FORMS: [string, (page: Page, email: string) => Record<string, string>][] = [
  ["email", (_, email) => ({ intent: "email", email })],
  ["address", () => ({ intent: "address", ...ADDRESS })],
  ["shipping", (page) => ({ intent: "shipping", option_id: /name="option_id"[^>]* value="([^"]+)"/.exec(page.text)?.[1] ?? "" })],
  ["payment", () => ({ intent: "payment", provider_id: "pp_system_default" })],
]

type Shop = { medusaUrl: string; storefrontUrl: string; publishableKey: string; api: AdminApi; sql: postgres.Sql }
type AfterStep = (flow: Flow, step: string) => void
type Order = { flow: Flow; email: string; orderId: string | null; steps: Record<string, number>; error: string | null }

/** One order through the storefront's forms; each step is the page with its form, the post, and (add, place) the page it leads to. */
async function storefrontOrder(shop: Shop, handle: string, variantId: string, email: string, ip: string, afterStep: AfterStep): Promise<Order> {
  const v = new Visitor(shop.storefrontUrl, { ip })
  const steps: Record<string, number> = {}
  const expect = (page: Page, status: number, what: string) => {
    if (page.status !== status) throw new Error(`${what} answered ${page.status}: ${page.text.slice(0, 200)}`)
    return page
  }
  const step = async (name: string, work: () => Promise<void>) => {
    const t = performance.now()
    await work()
    steps[name] = performance.now() - t
    afterStep("storefront", name)
  }
  try {
    // The product page is browsing, not checkout (the SDK flow reads no product either): its form's token is all
    // this needs from it, so it is not timed.
    expect(await v.get(`/products/${handle}`), 200, "product page")
    await step("add", async () => {
      expect(await v.post("/cart", { intent: "add", variant_id: variantId, quantity: "1" }), 302, "add")
      expect(await v.get("/cart"), 200, "cart page")
    })
    // Each checkout step: the page with its form (a GET /checkout, as the redirect after the last post), the post.
    const form = async (name: string, fields: (page: Page) => Record<string, string>) => {
      const page = expect(await v.get("/checkout"), 200, `checkout (${name})`)
      return expect(await v.post("/checkout", fields(page)), 302, name)
    }
    for (const [name, fields] of CHECKOUT_FORMS) await step(name, async () => void (await form(name, (page) => fields(page, email))))
    let orderId: string | null = null
    await step("place", async () => {
      const location = (await form("place", () => ({ intent: "place" }))).location ?? ""
      orderId = /\/order\/(order_[0-9A-Z]+)\/confirmed/.exec(location)?.[1] ?? null
      if (!orderId) throw new Error(`place led to ${location}`)
      expect(await v.get(new URL(location, shop.storefrontUrl).pathname), 200, "confirmation page")
    })
    return { flow: "storefront", email, orderId, steps, error: null }
  } catch (err) {
    return { flow: "storefront", email, orderId: null, steps, error: (err as Error).message }
  }
}

/** The same order straight against the Store API, as a headless shop would: it too lists the choices it shows. */
async function sdkOrder(sdk: Medusa, regionId: string, variantId: string, email: string, ip: string, afterStep: AfterStep): Promise<Order> {
  const steps: Record<string, number> = {}
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now()
    const result = await work()
    steps[name] = performance.now() - t
    afterStep("sdk", name)
    return result
  }
  try {
    const cartId = await step("add", async () => {
      const { cart } = await sdk.store.cart.create({ region_id: regionId })
      await sdk.store.cart.createLineItem(cart.id, { variant_id: variantId, quantity: 1 })
      return cart.id
    })
    await step("address", () => sdk.store.cart.update(cartId, { email, shipping_address: medusaAddress, billing_address: medusaAddress, metadata: { locale: "th" } }))
    const cart = await step("shipping", async () => {
      const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cartId })
      if (!shipping_options[0]) throw new Error("no shipping option")
      return (await sdk.store.cart.addShippingMethod(cartId, { option_id: shipping_options[0].id })).cart
    })
    await step("payment", async () => {
      const { payment_providers } = await sdk.store.payment.listPaymentProviders({ region_id: regionId })
      if (!payment_providers.some((p) => p.id === "pp_system_default")) throw new Error("no manual payment provider")
      // The cart as the last write answered it: the SDK makes its payment collection, then the session.
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
    })
    // The buyer's own address, as Medusa trusts it from loopback (TRUST_PROXY): orders are throttled per IP.
    const done = await step("place", () => sdk.store.cart.complete(cartId, {}, { "x-forwarded-for": ip }))
    if (done.type !== "order") throw new Error(`complete answered a cart: ${JSON.stringify(done.error)}`)
    return { flow: "sdk", email, orderId: done.order.id, steps, error: null }
  } catch (err) {
    return { flow: "sdk", email, orderId: null, steps, error: (err as Error).message }
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!) : 0
}

/** Enough stock of the bench's variant for every order of the part (placing orders takes it). */
async function stockUp(api: AdminApi, sku: string): Promise<void> {
  const { inventory_items } = await api.ok("GET", `/admin/inventory-items?sku=${sku}&fields=id,*location_levels`)
  const item = (inventory_items as Json[])[0]
  if (!item?.location_levels?.[0]) throw new Error(`bench: ${sku} has no inventory level`)
  await api.ok("POST", `/admin/inventory-items/${item.id}/location-levels/${item.location_levels[0].location_id}`, { stocked_quantity: STOCK })
}

export type CheckoutFlowOptions = {
  shoppers?: number
  ordersPerShopper?: number
  rounds?: number
  afterStep?: AfterStep
  /** Processes whose CPU time each flow's phases use, per order (e.g. { medusa: pid, storefront: pid }). */
  cpuOf?: Record<string, number | undefined>
}

/** CPU ms (user + system) a process has used so far, from /proc (0 where there is none). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

export async function benchCheckoutFlow(shop: Shop, log: (line: string) => void = console.log, options: CheckoutFlowOptions = {}) {
  const shoppers = options.shoppers ?? SHOPPERS
  const perShopper = options.ordersPerShopper ?? ORDERS_PER_SHOPPER
  const rounds = options.rounds ?? ROUNDS
  const afterStep = options.afterStep ?? (() => undefined)
  const sdk = new Medusa({ baseUrl: shop.medusaUrl, publishableKey: shop.publishableKey })
  const { regions } = await sdk.store.region.list({ limit: 50 })
  const region = regions.find((r) => r.currency_code === "thb") ?? regions[0]!
  // Shoppers buy across the shop's variants (one each, in turn), as in the shop: twenty buyers of one variant at
  // the same instant would all queue on its stock lock (Medusa's 5 s lock wait), a flash sale, not this flow.
  const products = (await shop.api.ok("GET", `/admin/products?handle[]=${PRODUCT_HANDLES.join("&handle[]=")}&fields=handle,*variants`)).products as Json[]
  const variants = products.flatMap((p) => (p.variants as Json[]).map((v) => ({ handle: p.handle as string, id: v.id as string, sku: v.sku as string })))
  if (variants.length < 2) throw new Error(`bench: the seed has ${variants.length} variants of ${PRODUCT_HANDLES.join(", ")}`)
  for (const v of variants) await stockUp(shop.api, v.sku)
  const run = `${process.pid}-${Date.now().toString(36)}`
  let serial = 0
  const one = (flow: Flow) => {
    const n = serial++
    const variant = variants[n % variants.length]!
    // A buyer address of its own per order (RFC 2544's benchmark range, sent only as a header): the backend
    // allows 10 placed orders per IP an hour.
    const ip = `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`
    const email = `checkout-${flow}-${run}-${n}@example.com`
    return flow === "sdk" ? sdkOrder(sdk, region.id, variant.id, email, ip, afterStep) : storefrontOrder(shop, variant.handle, variant.id, email, ip, afterStep)
  }
  const cpuOf = Object.entries(options.cpuOf ?? {})
  const cpuNow = () => cpuOf.map(([, pid]) => cpuMs(pid))
  const phase = async (flow: Flow, count: number) => {
    const t = performance.now()
    const cpuBefore = cpuNow()
    const orders = (await Promise.all(Array.from({ length: shoppers }, async () => {
      const mine: Order[] = []
      for (let i = 0; i < count; i++) mine.push(await one(flow))
      return mine
    }))).flat()
    return { orders, ms: performance.now() - t, cpu: cpuNow().map((ms, i) => ms - cpuBefore[i]!) }
  }

  // A first order of each shopper in each flow, not measured (JIT, the storefront's catalogue caches).
  const warm = [...(await phase("sdk", 1)).orders, ...(await phase("storefront", 1)).orders]
  const measured: Record<Flow, { orders: Order[]; ms: number; cpu: number[] }> = {
    sdk: { orders: [], ms: 0, cpu: cpuOf.map(() => 0) },
    storefront: { orders: [], ms: 0, cpu: cpuOf.map(() => 0) },
  }
  for (let round = 0; round < rounds; round++) {
    for (const flow of round % 2 ? (["storefront", "sdk"] as const) : (["sdk", "storefront"] as const)) {
      const p = await phase(flow, perShopper)
      measured[flow].orders.push(...p.orders)
      measured[flow].ms += p.ms
      measured[flow].cpu = measured[flow].cpu.map((ms, i) => ms + p.cpu[i]!)
      log(`checkout flow, round ${round + 1}, ${flow}: ${p.orders.filter((o) => o.orderId).length}/${p.orders.length} orders in ${Math.round(p.ms)} ms`)
    }
  }

  const all = [...warm, ...measured.sdk.orders, ...measured.storefront.orders]
  const placed = all.filter((o) => o.orderId)
  const [{ n: inDatabase }] = await shop.sql`select count(*)::int as n from "order" where id = any(${placed.map((o) => o.orderId!)}) and email like ${`checkout-%-${run}-%`} and deleted_at is null`
  const flows = (["sdk", "storefront"] as const).map((flow) => {
    const { orders, ms, cpu } = measured[flow]
    const ok = orders.filter((o) => !o.error)
    const totals = ok.map((o) => Object.values(o.steps).reduce((a, b) => a + b, 0))
    return {
      flow,
      orders: ok.length,
      errors: orders.length - ok.length,
      ordersPerMinute: Math.round((ok.length / ms) * 60_000),
      msPerOrder: Math.round(totals.reduce((a, b) => a + b, 0) / Math.max(1, totals.length)),
      p50MsPerOrder: percentile(totals, 50),
      p99MsPerOrder: percentile(totals, 99),
      cpuMsPerOrder: Object.fromEntries(cpuOf.map(([name], i) => [name, Math.round(cpu[i]! / Math.max(1, orders.length))])),
      steps: STEPS[flow].map((name) => ({ name, p50Ms: percentile(ok.map((o) => o.steps[name]!), 50), p99Ms: percentile(ok.map((o) => o.steps[name]!), 99) })),
    }
  })
  const [sdkFlow, storefrontFlow] = flows as [(typeof flows)[0], (typeof flows)[0]]
  return {
    shoppers,
    ordersPerShopperAndPhase: perShopper,
    rounds,
    variants: variants.map((v) => v.sku),
    flows,
    overheadPct: Math.round((storefrontFlow.msPerOrder / Math.max(1, sdkFlow.msPerOrder) - 1) * 1000) / 10,
    ordersPlaced: placed.length,
    ordersInDatabase: Number(inDatabase),
    warmUpErrors: warm.filter((o) => o.error).length,
    errorSamples: [...new Set(all.flatMap((o) => (o.error ? [`${o.flow}: ${o.error}`] : [])))].slice(0, 5),
  }
}

export type CheckoutFlowResult = Awaited<ReturnType<typeof benchCheckoutFlow>>

/** The part's targets: no error, every order in the database, the storefront ≤ 20 % over the SDK. */
export function checkoutFlowChecks(r: CheckoutFlowResult) {
  const errors = r.flows.reduce((n, f) => n + f.errors, r.warmUpErrors)
  return [
    { target: "checkout flow: no error, every placed order in the database", measured: `${errors} errors, ${r.ordersInDatabase}/${r.ordersPlaced} orders stored`, ok: errors === 0 && r.ordersInDatabase === r.ordersPlaced && r.ordersPlaced > 0 },
    { target: `checkout flow: storefront ≤ ${CHECKOUT_OVERHEAD_MAX_PCT} % over the same flow with the js-sdk`, measured: `${r.overheadPct} % (${r.flows.map((f) => `${f.flow} ${f.msPerOrder} ms/order`).join(", ")})`, ok: r.overheadPct <= CHECKOUT_OVERHEAD_MAX_PCT },
  ]
}

export function printCheckoutFlow(r: CheckoutFlowResult) {
  console.log(`\ncheckout flow, ${r.shoppers} shoppers (orders/min, ms per order, p50/p99 ms per step):`)
  for (const f of r.flows) {
    const steps = f.steps.map((s) => `${s.name} ${s.p50Ms}/${s.p99Ms}`).join(", ")
    const cpu = Object.entries(f.cpuMsPerOrder).map(([name, ms]) => `${name} ${ms}`).join(", ")
    console.log(`  ${f.flow.padEnd(10)} ${f.ordersPerMinute} orders/min, ${f.msPerOrder} ms/order (p99 ${f.p99MsPerOrder}), ${f.errors} errors; ${steps}${cpu ? `; CPU ms/order: ${cpu}` : ""}`)
  }
  console.log(`  storefront overhead ${r.overheadPct} %; ${r.ordersInDatabase}/${r.ordersPlaced} orders in the database`)
}

/**
 * Alone: a throwaway shop (bench/shop.ts), this part, its figures. BENCH_CHECKOUT_TRACE=1: one shopper, three
 * orders a flow, and after each step the Medusa calls the storefront made for it (through a logging proxy).
 */
async function main() {
  const say = (line: string) => console.log(`[bench:checkout] ${line}`)
  const trace = process.env.BENCH_CHECKOUT_TRACE === "1"
  const calls: string[] = []
  const proxy = (medusaUrl: string) =>
    new Promise<string>((resolve) => {
      const server = http.createServer((req, res) => {
        const t = performance.now()
        const upstream = http.request(medusaUrl + req.url, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
          answer.on("end", () => calls.push(`${req.method} ${req.url?.split("?")[0]} ${answer.statusCode} ${Math.round(performance.now() - t)} ms`))
        })
        req.pipe(upstream)
      })
      server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`))
    })
  const shop = await startBenchShop(say, trace ? { storefrontBackend: proxy } : {})
  // Ctrl-C while working on it: the shop's processes go too.
  process.once("SIGINT", () => void shop.stop().finally(() => process.exit(130)))
  try {
    // As late in `npm run bench`, where the catalogue has 500 products by then: BENCH_CHECKOUT_PRODUCTS=500.
    if (process.env.BENCH_CHECKOUT_PRODUCTS) say(`catalogue: ${await addBenchCatalogue(shop.api, Number(process.env.BENCH_CHECKOUT_PRODUCTS))} products`)
    const afterStep: AfterStep = (flow, step) => {
      if (flow === "storefront") say(`storefront ${step}: ${calls.splice(0).join("; ")}`)
    }
    const cpuOf = { medusa: shop.medusa.child.pid, storefront: shop.storefront.child.pid }
    const result = await benchCheckoutFlow(shop, say, trace ? { shoppers: 1, ordersPerShopper: 3, rounds: 1, afterStep, cpuOf } : { cpuOf })
    printCheckoutFlow(result)
    for (const c of checkoutFlowChecks(result)) console.log(`${c.ok ? "ok  " : "MISS"} ${c.target}: ${c.measured}`)
    if (result.errorSamples.length) console.log(`errors:\n  ${result.errorSamples.join("\n  ")}`)
  } finally {
    await shop.stop()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(`bench/checkout-flow.ts failed: ${err instanceof Error ? err.stack : String(err)}`)
      process.exit(1)
    }
  )
}
