import { AsyncLocalStorage } from "node:async_hooks"

/**
 * What one render read, so a shopper's own page (cart, checkout) can be kept until that changes
 * (docs/decisions/0074-own-page-cache.md). Every cache entry a render is answered from is recorded with a way to
 * ask whether the cache would still answer the same; any network read (a call to Medusa that no cache answered)
 * marks the render as not to be kept, since nothing would tell when its answer changes.
 */
export type Reads = {
  /** Entries answered from caches: `current(key)` is what the cache would answer now without a load. */
  entries: { current: (key: string) => unknown; key: string; seen: unknown }[]
  /** A read went over the network during the render. */
  network: boolean
}

const store = new AsyncLocalStorage<Reads>()

/** Called by a cache when it answers `seen` for `key`; `current` must not load or wait. */
export function recordRead(current: (key: string) => unknown, key: string, seen: unknown): void {
  store.getStore()?.entries.push({ current, key, seen })
}

// Every read of Medusa goes through fetch (the js-sdk, backendPost): a render that fetched anything is not kept.
// Wrapped once, here, because the SDK takes no fetch of its own.
const networkFetch = globalThis.fetch
globalThis.fetch = function trackedFetch(...args: Parameters<typeof fetch>) {
  const reads = store.getStore()
  if (reads) reads.network = true
  return networkFetch(...args)
}

/** Runs `render` (its body read too, so streamed parts count) and says what it read. */
export async function trackReads<T>(render: () => Promise<T>): Promise<{ result: T; reads: Reads }> {
  const reads: Reads = { entries: [], network: false }
  const result = await store.run(reads, render)
  return { result, reads }
}

/** The render read nothing over the network, and every cache would still answer it the same. */
export function readsCurrent(reads: Reads): boolean {
  return !reads.network && reads.entries.every((entry) => entry.current(entry.key) === entry.seen)
}
