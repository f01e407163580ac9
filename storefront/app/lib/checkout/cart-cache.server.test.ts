import type { HttpTypes } from "@medusajs/types"
import { describe, expect, it } from "vitest"
import { getSession } from "../account/session.server"
import type { ContentVersion } from "../render/content-version.server"
import { createCartCache } from "./cart-cache.server"

// The per-cart cache's rules (decision 0070) on the real session and cache code; the stack-level proof that no
// shopper is shown a stale or a stranger's cart is tests/integration/cart-cache.test.ts.

const cart = (id: string, quantity: number, extra: Partial<HttpTypes.StoreCart> = {}) =>
  ({ id, items: [{ id: "cali_1", quantity }], ...extra }) as unknown as HttpTypes.StoreCart

function harness(ttlMs = 30_000) {
  let t = 1_000_000
  const stamp = { version: "v1" }
  const version = (): ContentVersion => ({ version: stamp.version, checkedAt: t, changedAt: 0 })
  const cache = createCartCache({ ttlMs, now: () => t, version, maxEntries: 3 })
  let medusa = cart("cart_A", 1)
  let reads = 0
  const load = async () => {
    reads++
    return medusa
  }
  return {
    cache,
    load,
    reads: () => reads,
    medusaHas: (c: HttpTypes.StoreCart) => (medusa = c),
    advance: (ms: number) => (t += ms),
    stamp,
  }
}

const guest = () => getSession(new Request("http://shop/"))
async function customer(token: string) {
  const session = await guest()
  session.set("token", token)
  return session
}

describe("per-cart cache", () => {
  it("serves a cart from the cache, refreshes it in the background after half its age limit, never past the limit", async () => {
    const h = harness()
    const s = await guest()
    expect((await h.cache.get(s, "cart_A", h.load)).items![0]!.quantity).toBe(1)
    h.medusaHas(cart("cart_A", 5)) // an admin's edit, or another storefront process
    h.advance(14_000)
    expect((await h.cache.get(s, "cart_A", h.load)).items![0]!.quantity).toBe(1)
    expect(h.reads()).toBe(1)
    h.advance(1_001)
    // Past half the limit: this answer is the kept one, and Medusa is asked meanwhile for the next.
    expect((await h.cache.get(s, "cart_A", h.load)).items![0]!.quantity).toBe(1)
    expect(h.reads()).toBe(2)
    await Promise.resolve()
    expect((await h.cache.get(s, "cart_A", h.load)).items![0]!.quantity).toBe(5)
    // Not read for the whole limit: asked before answering.
    h.medusaHas(cart("cart_A", 7))
    h.advance(30_001)
    expect((await h.cache.get(s, "cart_A", h.load)).items![0]!.quantity).toBe(7)
    expect(h.reads()).toBe(3)
  })

  it("shows a write's answer at once, and asks again after a content change (price, stock)", async () => {
    const h = harness()
    const s = await guest()
    await h.cache.get(s, "cart_A", h.load)
    h.cache.keep(s, cart("cart_A", 2))
    expect((await h.cache.get(s, "cart_A", h.load)).items![0]!.quantity).toBe(2)
    expect(h.reads()).toBe(1)
    h.medusaHas(cart("cart_A", 2, { total: 999 }))
    h.stamp.version = "v2"
    expect((await h.cache.get(s, "cart_A", h.load)).total).toBe(999)
    expect(h.reads()).toBe(2)
  })

  it("keeps no completed cart, and forgets one on request", async () => {
    const h = harness()
    const s = await guest()
    h.cache.keep(s, cart("cart_A", 1, { completed_at: new Date().toISOString() }))
    await h.cache.get(s, "cart_A", h.load)
    expect(h.reads()).toBe(1)
    h.medusaHas(cart("cart_A", 1, { completed_at: new Date().toISOString() }))
    h.cache.forget("cart_A")
    expect((await h.cache.get(s, "cart_A", h.load)).completed_at).toBeTruthy()
    await h.cache.get(s, "cart_A", h.load)
    expect(h.reads(), "a completed cart is read from Medusa every time").toBe(3)
  })

  it("answers each login with its own read: a guest's entry is not a customer's, nor one customer's another's", async () => {
    const h = harness()
    const anon = await guest()
    const ann = await customer("token-of-ann")
    const ben = await customer("token-of-ben")
    await h.cache.get(anon, "cart_A", h.load)
    h.medusaHas(cart("cart_A", 1, { customer_id: "cus_ann" }))
    expect((await h.cache.get(ann, "cart_A", h.load)).customer_id, "logged in: read again").toBe("cus_ann")
    expect(h.reads()).toBe(2)
    await h.cache.get(ann, "cart_A", h.load)
    expect(h.reads()).toBe(2)
    await h.cache.get(ben, "cart_A", h.load)
    expect(h.reads(), "another token never gets ann's entry").toBe(3)
  })

  it("holds at most its count of carts", async () => {
    const h = harness()
    const s = await guest()
    for (const id of ["cart_1", "cart_2", "cart_3", "cart_4"]) h.cache.keep(s, cart(id, 1))
    expect(h.cache.size().entries).toBe(3)
    expect(h.cache.size().bytes).toBe(3 * JSON.stringify(cart("cart_1", 1)).length)
  })

  it("is off with a zero age limit", async () => {
    const h = harness(0)
    const s = await guest()
    h.cache.keep(s, cart("cart_A", 7))
    await h.cache.get(s, "cart_A", h.load)
    await h.cache.get(s, "cart_A", h.load)
    expect(h.reads()).toBe(2)
  })
})
