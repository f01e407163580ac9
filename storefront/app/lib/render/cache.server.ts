/**
 * In-memory stale-while-revalidate cache for public data (catalogue, lot provenance), the same for every
 * visitor; never use it for anything per customer (cart, account, order) or per scan
 * (docs/decisions/0011-page-caching-and-scan-batching.md).
 *
 * With a content version (the backend's stamp, see content-version.server.ts) an entry stays valid while
 * the stamp it was loaded under is current; once the stamp changes, the next reader refetches it (one
 * load for all who wait). Without a stamp confirmed within `maxAgeMs` (backend unreachable,
 * older backend) it falls back to age: fresh for `freshMs`, served while refreshing up to `maxAgeMs`, then
 * refetched before answering. Either way no answer rests on data older than about `maxAgeMs`, and
 * entries are refreshed in the background every `revalidateMs` for what changes without a write (a price
 * list that ends at midnight).
 */
import type { ContentVersion } from "./content-version.server"

type Entry<T> = { value: T; at: number; version: string | null }

export type SwrCache = {
  /** `keep` says whether a loaded value may be cached (e.g. not a "not found"). */
  get<T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>
  clear(): void
}

export function createSwrCache(options: {
  freshMs: number
  maxAgeMs: number
  revalidateMs?: number
  maxEntries?: number
  version?: () => ContentVersion | null
  now?: () => number
}): SwrCache {
  const entries = new Map<string, Entry<unknown>>()
  const inFlight = new Map<string, Promise<unknown>>()
  const now = options.now ?? Date.now
  const revalidateMs = options.revalidateMs ?? 60_000
  const maxEntries = options.maxEntries ?? 1000

  function refresh<T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
    const running = inFlight.get(key)
    if (running) return running as Promise<T>
    // The entry is as old as the moment its load started, under the stamp current then.
    const at = now()
    const version = options.version?.()?.version ?? null
    const promise = load()
      .then((value) => {
        if (keep && !keep(value)) entries.delete(key)
        else {
          entries.delete(key)
          entries.set(key, { value, at, version })
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string)
        }
        return value
      })
      .finally(() => inFlight.delete(key))
    inFlight.set(key, promise)
    return promise
  }

  const inBackground = <T,>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean) =>
    refresh(key, load, keep).catch((err) => console.error(`cache: refreshing ${key} failed`, err))

  return {
    async get<T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
      const entry = entries.get(key) as Entry<T> | undefined
      const t = now()
      const age = entry ? t - entry.at : Infinity
      const stamp = options.version?.()
      if (stamp && t - stamp.checkedAt <= options.maxAgeMs) {
        if (entry && entry.version === stamp.version) {
          if (age > revalidateMs) void inBackground(key, load, keep)
          return entry.value
        }
        // Changed since this entry was loaded: wait for the one refetch rather than render outdated data.
        return refresh(key, load, keep)
      }
      if (entry && age <= options.freshMs) return entry.value
      if (entry && age <= options.maxAgeMs) {
        void inBackground(key, load, keep)
        return entry.value
      }
      return refresh(key, load, keep)
    },
    clear() {
      entries.clear()
    },
  }
}
