/**
 * Small in-memory stale-while-revalidate cache for catalogue data (see docs/decisions "storefront catalogue
 * cache"). Medusa's Store API serves only a few dozen requests a second here, so page views must not all wait
 * on it. Entries younger than `freshMs` are served as they are; entries up to `maxAgeMs` old are served while
 * one background refresh runs; older entries are refetched before answering, so no page shows catalogue data
 * older than `maxAgeMs`. Never use it for anything per customer (cart, account, order) or per scan.
 */
type Entry<T> = { value: T; at: number }

export type SwrCache = {
  get<T>(key: string, load: () => Promise<T>): Promise<T>
  clear(): void
}

export function createSwrCache(options: { freshMs: number; maxAgeMs: number; now?: () => number }): SwrCache {
  const entries = new Map<string, Entry<unknown>>()
  const inFlight = new Map<string, Promise<unknown>>()
  const now = options.now ?? Date.now

  function refresh<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = inFlight.get(key)
    if (running) return running as Promise<T>
    const promise = load()
      .then((value) => {
        entries.set(key, { value, at: now() })
        return value
      })
      .finally(() => inFlight.delete(key))
    inFlight.set(key, promise)
    return promise
  }

  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const entry = entries.get(key) as Entry<T> | undefined
      const age = entry ? now() - entry.at : Infinity
      if (entry && age <= options.freshMs) return entry.value
      if (entry && age <= options.maxAgeMs) {
        refresh(key, load).catch((err) => console.error(`catalogue cache: refreshing ${key} failed`, err))
        return entry.value
      }
      return refresh(key, load)
    },
    clear() {
      entries.clear()
    },
  }
}
