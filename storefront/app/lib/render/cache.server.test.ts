import { describe, expect, it } from "vitest"
import { createSwrCache } from "./cache.server"
import type { ContentVersion } from "./content-version.server"

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
})
