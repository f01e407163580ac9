/**
 * In-memory stale-while-revalidate cache for public data (catalogue, lot provenance), the same for every
 * visitor (docs/decisions/0011-page-caching-and-scan-batching.md); per customer only through the per-cart cache
 * below, keyed by the unguessable cart id; never for an account, an order or a scan.
 *
 * With a content version (the backend's stamp, see content-version.server.ts) an entry stays valid while
 * the stamp it was loaded under is current; once the stamp changes, the next reader refetches it (one
 * load for all who wait). An entry whose stamp was not confirmed lately waits for one poll (`confirmVersion`)
 * before it is loaded again. Without a stamp confirmed within `maxAgeMs` (backend unreachable,
 * older backend) it falls back to age: fresh for `freshMs`, served while refreshing up to `maxAgeMs`, then
 * refetched before answering. Either way no answer rests on data older than about `maxAgeMs`, and
 * entries are refreshed in the background every `revalidateMs` for what changes without a write (a price
 * list that ends at midnight).
 *
 * Every cache is bounded by count (`maxEntries`) and, when `maxBytes` is given, by the bytes of its values
 * (`sizeOf`, by default their JSON's UTF-8 length); the oldest written entries go first. The per-cart cache
 * (checkout/cart-cache.server.ts, decision 0070) adds a hard age limit (`expireMs`) and writes through (`set`,
 * `delete`): a load that started before a write never overwrites it.
 */
import type { ContentVersion } from "./content-version.server"
import { recordRead } from "./reads.server"

type Entry<T> = { value: T; at: number; version: string | null; bytes: number }

export type SwrCache = {
  /** `keep` says whether a loaded value may be cached (e.g. not a "not found"). */
  get<T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>
  /** Stores a value just read or written elsewhere (as loaded now, under the current stamp). */
  set<T>(key: string, value: T): void
  /** Forgets a key; a load of it already under way is not stored. */
  delete(key: string): void
  /** Entries and their bytes, for tests and the bench. */
  size(): { entries: number; bytes: number }
  clear(): void
}

/** What `current` answers for a key the cache would load again. */
const MISS = Symbol("not cached")

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "")

export function createSwrCache(options: {
  freshMs: number
  maxAgeMs: number
  revalidateMs?: number
  maxEntries?: number
  /** Bound on the values' bytes; without it only the count is bounded. */
  maxBytes?: number
  sizeOf?: (value: unknown) => number
  /** An entry older than this is never served, whatever the stamp: it is loaded again before answering. */
  expireMs?: number
  version?: () => ContentVersion | null
  /** A stamp confirmed within the given ms, waiting for a poll if need be (content-version.server.ts). */
  confirmVersion?: (withinMs: number) => Promise<ContentVersion | null>
  now?: () => number
}): SwrCache {
  const entries = new Map<string, Entry<unknown>>()
  const inFlight = new Map<string, { promise: Promise<unknown>; superseded: boolean }>()
  const now = options.now ?? Date.now
  const revalidateMs = options.revalidateMs ?? 60_000
  const maxEntries = options.maxEntries ?? 1000
  const maxBytes = options.maxBytes ?? Infinity
  const sizeOf = options.maxBytes === undefined ? () => 0 : (options.sizeOf ?? jsonBytes)
  const expireMs = options.expireMs ?? Infinity
  let bytes = 0

  function remove(key: string): void {
    const entry = entries.get(key)
    if (!entry) return
    bytes -= entry.bytes
    entries.delete(key)
  }

  function store(key: string, value: unknown, at: number, version: string | null): void {
    remove(key)
    const size = sizeOf(value)
    if (size > maxBytes) return
    entries.set(key, { value, at, version, bytes: size })
    bytes += size
    while (entries.size > maxEntries || bytes > maxBytes) remove(entries.keys().next().value as string)
  }

  /** A write or a delete wins over a load that started before it. */
  function supersede(key: string): void {
    const running = inFlight.get(key)
    if (running) running.superseded = true
    inFlight.delete(key)
  }

  function refresh<T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
    const running = inFlight.get(key)
    if (running) return running.promise as Promise<T>
    // The entry is as old as the moment its load started, under the stamp current then.
    const at = now()
    const version = options.version?.()?.version ?? null
    const flight = { promise: null as unknown as Promise<T>, superseded: false }
    flight.promise = load()
      .then((value) => {
        if (flight.superseded) return value
        if (keep && !keep(value)) remove(key)
        else store(key, value, at, version)
        return value
      })
      .finally(() => {
        if (inFlight.get(key) === flight) inFlight.delete(key)
      })
    inFlight.set(key, flight)
    return flight.promise
  }

  /**
   * The value `get` would answer for `key` now without loading or waiting, else `MISS` (stricter than `get`: an
   * entry past `freshMs` counts only while a stamp confirms it). A kept own page is served only while this
   * stays the value it was rendered from (reads.server.ts).
   */
  function current(key: string): unknown {
    const entry = entries.get(key)
    const t = now()
    if (!entry || t - entry.at > expireMs) return MISS
    const stamp = options.version?.()
    if (stamp && t - stamp.checkedAt <= options.maxAgeMs) return entry.version === stamp.version ? entry.value : MISS
    return t - entry.at <= options.freshMs ? entry.value : MISS
  }

  /** Answers from an entry, telling a tracked render (reads.server.ts) what it read. */
  function answer<T>(key: string, value: T): T {
    recordRead(current, key, value)
    return value
  }

  const inBackground = <T,>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean) =>
    refresh(key, load, keep).catch((err) => console.error(`cache: refreshing ${key} failed`, err))

  return {
    async get<T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
      const trusted = (stamp: ContentVersion | null | undefined) => (stamp && now() - stamp.checkedAt <= options.maxAgeMs ? stamp : null)
      let stamp = trusted(options.version?.())
      // An entry past `freshMs`, loaded under a stamp that has not been confirmed lately: wait for one poll
      // rather than load the entry again (under load every entry at once, which slows the polls further).
      const held = entries.get(key)
      if (!stamp && options.confirmVersion && held?.version && now() - held.at > options.freshMs) {
        stamp = trusted(await options.confirmVersion(options.maxAgeMs))
      }
      const t = now()
      const stored = entries.get(key) as Entry<T> | undefined
      const entry = stored && t - stored.at <= expireMs ? stored : undefined
      const age = entry ? t - entry.at : Infinity
      if (stamp) {
        if (entry && entry.version === stamp.version) {
          if (age > revalidateMs) void inBackground(key, load, keep)
          return answer(key, entry.value)
        }
        // Changed since this entry was loaded: wait for the one refetch rather than render outdated data.
        return refresh(key, load, keep).then((value) => answer(key, value))
      }
      if (entry && age <= options.freshMs) return answer(key, entry.value)
      if (entry && age <= options.maxAgeMs) {
        void inBackground(key, load, keep)
        return answer(key, entry.value)
      }
      // A load another request started counts as an entry read here: this render fetched nothing itself.
      return refresh(key, load, keep).then((value) => answer(key, value))
    },
    set<T>(key: string, value: T) {
      supersede(key)
      store(key, value, now(), options.version?.()?.version ?? null)
    },
    delete(key: string) {
      supersede(key)
      remove(key)
    },
    size() {
      return { entries: entries.size, bytes }
    },
    clear() {
      for (const key of [...inFlight.keys()]) supersede(key)
      entries.clear()
      bytes = 0
    },
  }
}
