import { afterAll, describe, expect, it } from "vitest"
import type { CounterStore } from "../../backend/src/lib/throttle/store"

/**
 * What every throttle counter store must do (backend/src/lib/throttle/store.ts), run against the memory store in
 * `npm test` and against Redis in `npm run test:scale`. `sleep` waits real time (Redis keys expire on their own).
 */
export function counterStoreContract(name: string, make: () => CounterStore) {
  describe(`${name} counter store`, () => {
    const store = make()
    const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    const key = (k: string) => `test:${run}:${k}`
    afterAll(() => store.close())

    it("counts hits in a window and says when it ends", async () => {
      expect(await store.peek(key("a"))).toEqual({ count: 0, resetInMs: 0 })
      const first = await store.hit(key("a"), 60_000)
      expect(first.count).toBe(1)
      expect(first.resetInMs).toBeGreaterThan(59_000)
      expect(first.resetInMs).toBeLessThanOrEqual(60_000)
      for (let i = 2; i <= 5; i++) expect((await store.hit(key("a"), 60_000)).count).toBe(i)
      const peeked = await store.peek(key("a"))
      expect(peeked.count).toBe(5)
      expect(peeked.resetInMs).toBeLessThanOrEqual(first.resetInMs)
      // Other keys are counted apart.
      expect((await store.hit(key("b"), 60_000)).count).toBe(1)
    })

    it("takes a hit back, never below zero, and forgets a key", async () => {
      await store.hit(key("c"), 60_000)
      await store.hit(key("c"), 60_000)
      await store.undo(key("c"))
      expect((await store.peek(key("c"))).count).toBe(1)
      await store.undo(key("c"))
      await store.undo(key("c"))
      expect((await store.peek(key("c"))).count).toBe(0)
      await store.undo(key("never-hit"))
      expect((await store.peek(key("never-hit"))).count).toBe(0)
      await store.hit(key("d"), 60_000)
      await store.reset(key("d"))
      expect(await store.peek(key("d"))).toEqual({ count: 0, resetInMs: 0 })
    })

    it("starts a new window once the old one has ended (the window does not slide with each hit)", async () => {
      expect((await store.hit(key("e"), 300)).count).toBe(1)
      expect((await store.hit(key("e"), 300)).count).toBe(2)
      await new Promise((r) => setTimeout(r, 450))
      expect((await store.peek(key("e"))).count).toBe(0)
      const next = await store.hit(key("e"), 300)
      expect(next.count).toBe(1)
      expect(next.resetInMs).toBeGreaterThan(200)
    })

    it("counts 200 concurrent hits exactly", async () => {
      const counts = await Promise.all(Array.from({ length: 200 }, () => store.hit(key("f"), 60_000)))
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    })
  })
}
