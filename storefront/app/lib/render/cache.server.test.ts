import { describe, expect, it } from "vitest"
import { createSwrCache } from "./cache.server"
import type { ContentVersion } from "./content-version.server"
import { readsCurrent, trackReads } from "./reads.server"

function harness(stamp: { current: ContentVersion | null }) {
  let t = 1_000_000
  let loads = 0
  const cache = createSwrCache({ freshMs: 1000, maxAgeMs: 2000, revalidateMs: 60_000, now: () => t, version: () => stamp.current })
  const get = () => cache.get("k", async () => `v${++loads}`)
  return { get, advance: (ms: number) => (t += ms), now: () => t, loads: () => loads }
}

describe("public data cache under the content stamp", () => {
  it("keeps an entry while its stamp is current and refetches once when the stamp changes", async () => {
    const stamp = { current: null as ContentVersion | null }
    const h = harness(stamp)
    stamp.current = { version: "a", checkedAt: h.now(), changedAt: h.now() }
    expect(await h.get()).toBe("v1")
    h.advance(30_000)
    stamp.current = { version: "a", checkedAt: h.now(), changedAt: stamp.current.changedAt }
    expect(await h.get()).toBe("v1")
    stamp.current = { version: "b", checkedAt: h.now(), changedAt: h.now() }
    const [x, y] = await Promise.all([h.get(), h.get()])
    expect([x, y]).toEqual(["v2", "v2"])
    expect(h.loads()).toBe(2)
  })

  it("falls back to age limits when the stamp is not confirmed", async () => {
    const stamp = { current: null as ContentVersion | null }
    const h = harness(stamp)
    stamp.current = { version: "a", checkedAt: h.now(), changedAt: h.now() }
    expect(await h.get()).toBe("v1")
    h.advance(2500) // the poller has not confirmed "a" for 2.5 s: the entry is too old to trust
    expect(await h.get()).toBe("v2")
    h.advance(500)
    expect(await h.get()).toBe("v2")
  })

  it("waits for one poll, not a load, when the stamp has not been confirmed lately", async () => {
    let t = 1_000_000
    let loads = 0
    let polls = 0
    const stamp = { current: { version: "a", checkedAt: t, changedAt: t } as ContentVersion | null, next: "a" as string | null }
    const confirmVersion = async () => {
      polls++
      stamp.current = stamp.next === null ? stamp.current : { version: stamp.next, checkedAt: t, changedAt: t }
      return stamp.next === null ? null : stamp.current
    }
    const cache = createSwrCache({ freshMs: 1000, maxAgeMs: 2000, revalidateMs: 60_000, now: () => t, version: () => stamp.current, confirmVersion })
    const get = () => cache.get("k", async () => `v${++loads}`)
    expect(await get()).toBe("v1")
    t += 5000 // the poller has been late for 3 s (a busy backend)
    expect(await Promise.all([get(), get(), get()])).toEqual(["v1", "v1", "v1"])
    expect(loads).toBe(1)
    t += 5000
    stamp.next = "b" // the poll says the content changed: loaded again before answering
    expect(await get()).toBe("v2")
    t += 5000
    stamp.next = null // no stamp to be had: the age rules, as without a stamp
    expect(await get()).toBe("v3")
    expect(polls).toBe(3) // the three readers above shared one
  })

  it("does not keep what `keep` refuses", async () => {
    let t = 0
    const cache = createSwrCache({ freshMs: 1000, maxAgeMs: 2000, now: () => t })
    let loads = 0
    const missing = () => cache.get("lot", async () => ({ status: 404, n: ++loads }), (r) => r.status === 200)
    await missing()
    await missing()
    expect(loads).toBe(2)
    expect(t).toBe(0)
  })

  it("keeps count and bytes within their bounds, dropping the oldest written first", async () => {
    const cache = createSwrCache({ freshMs: 1000, maxAgeMs: 2000, maxEntries: 3, maxBytes: 10, sizeOf: (v) => String(v).length })
    for (const [key, value] of [["a", "1111"], ["b", "2222"], ["c", "333"]]) await cache.get(key!, async () => value)
    expect(cache.size(), "a went for the bytes: 4 + 4 + 3 > 10").toEqual({ entries: 2, bytes: 7 })
    cache.set("d", "4")
    cache.set("e", "5")
    expect(cache.size(), "b went for the count").toEqual({ entries: 3, bytes: 5 })
    cache.set("huge", "x".repeat(11))
    expect(cache.size(), "a value over the byte bound is not kept").toEqual({ entries: 3, bytes: 5 })
    let loads = 0
    expect(await cache.get("b", async () => `b${++loads}`)).toBe("b1")
  })

  it("never serves an entry past expireMs, even under a current stamp", async () => {
    let t = 0
    const stamp: ContentVersion = { version: "a", checkedAt: 0, changedAt: 0 }
    const cache = createSwrCache({ freshMs: 0, maxAgeMs: 2000, expireMs: 30_000, revalidateMs: Infinity, now: () => t, version: () => ({ ...stamp, checkedAt: t }) })
    let loads = 0
    const get = () => cache.get("cart", async () => ++loads)
    expect(await get()).toBe(1)
    t = 29_000
    expect(await get()).toBe(1)
    t = 30_001
    expect(await get()).toBe(2)
  })

  it("lets a write win over a load that started before it, and a delete too", async () => {
    const cache = createSwrCache({ freshMs: 60_000, maxAgeMs: 60_000 })
    let release!: (v: string) => void
    const slow = cache.get("cart", () => new Promise<string>((r) => (release = r)))
    cache.set("cart", "written")
    release("read before the write")
    expect(await slow, "the slow reader still gets its answer").toBe("read before the write")
    expect(await cache.get("cart", async () => "loaded again")).toBe("written")

    const slower = cache.get("gone", () => new Promise<string>((r) => (release = r)))
    cache.delete("gone")
    release("read before the delete")
    await slower
    expect(await cache.get("gone", async () => "after the delete")).toBe("after the delete")
  })
})

describe("what a render read (reads.server.ts, decision 0074)", () => {
  it("records the entries a render was answered from, current until a write, a new stamp or the age limit", async () => {
    const stamp = { current: null as ContentVersion | null }
    const h = harness(stamp)
    stamp.current = { version: "a", checkedAt: h.now(), changedAt: h.now() }
    // The load itself is not an entry read: a render that waited for it is answered from the entry it made.
    const first = await trackReads(() => h.get())
    expect(first.result).toBe("v1")
    expect(first.reads.entries.length).toBe(1)
    expect(readsCurrent(first.reads)).toBe(true)
    const second = await trackReads(() => h.get())
    expect(readsCurrent(second.reads)).toBe(true)
    // A new stamp: what was read is no longer what the cache would answer.
    stamp.current = { version: "b", checkedAt: h.now(), changedAt: h.now() }
    expect(readsCurrent(second.reads)).toBe(false)
    const third = await trackReads(() => h.get())
    expect(third.result).toBe("v2")
    expect(readsCurrent(third.reads)).toBe(true)
    // The stamp no longer confirmed and the entry past freshMs: the cache would load again.
    h.advance(2500)
    expect(readsCurrent(third.reads)).toBe(false)
  })

  it("counts a write as a change, and a fetch during the render as a network read", async () => {
    const cache = createSwrCache({ freshMs: 10_000, maxAgeMs: 10_000 })
    cache.set("cart", { lines: 1 })
    const viewed = await trackReads(() => cache.get("cart", async () => ({ lines: 0 })))
    expect(readsCurrent(viewed.reads)).toBe(true)
    cache.set("cart", { lines: 2 })
    expect(readsCurrent(viewed.reads)).toBe(false)
    const fetched = await trackReads(() => fetch("http://127.0.0.1:9/").catch(() => null))
    expect(fetched.reads.network).toBe(true)
    expect(readsCurrent(fetched.reads)).toBe(false)
  })
})
