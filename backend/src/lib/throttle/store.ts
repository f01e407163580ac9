import Redis from "ioredis"

/**
 * Counters for throttles: how many attempts one client (a hashed IP, an account) made in its current window.
 * Fixed windows: a key's window starts at its first hit and lasts `windowMs`; when it is over the key is gone.
 * One store serves every throttle of the backend (logins, registrations, password resets, checkouts): in this
 * process's memory, or in Redis with REDIS_URL, so that several server processes count together
 * (docs/decisions/0024-throttling.md).
 */
export type Count = {
  /** Attempts counted in the key's current window (0 when it has none). */
  count: number
  /** Milliseconds until that window ends (0 when there is none). */
  resetInMs: number
}

export interface CounterStore {
  /** Counts one attempt for the key and returns its count after it. */
  hit(key: string, windowMs: number): Promise<Count>
  /** Takes one attempt back (it turned out not to count: a login that succeeded, a checkout that placed nothing). */
  undo(key: string): Promise<void>
  /** The key's count, without counting. */
  peek(key: string): Promise<Count>
  /** Forgets the key (e.g. an account's failures after a successful login). */
  reset(key: string): Promise<void>
  close(): Promise<void>
}

type Entry = { count: number; resetAt: number }

/**
 * One process's counters. Bounded: past `maxKeys` keys, ended windows are dropped first, then the keys whose
 * windows end soonest (a flood of made-up IPs cannot grow memory without end).
 */
export class MemoryCounterStore implements CounterStore {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly options: { maxKeys?: number; now?: () => number } = {}) {}

  private get now(): number {
    return (this.options.now ?? Date.now)()
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry && entry.resetAt <= this.now) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }

  async hit(key: string, windowMs: number): Promise<Count> {
    const now = this.now
    let entry = this.live(key)
    if (!entry) {
      entry = { count: 0, resetAt: now + windowMs }
      this.entries.set(key, entry)
      this.prune()
    }
    entry.count += 1
    return { count: entry.count, resetInMs: entry.resetAt - now }
  }

  async undo(key: string): Promise<void> {
    const entry = this.live(key)
    if (entry && entry.count > 0) entry.count -= 1
  }

  async peek(key: string): Promise<Count> {
    const entry = this.live(key)
    return entry ? { count: entry.count, resetInMs: entry.resetAt - this.now } : { count: 0, resetInMs: 0 }
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key)
  }

  async close(): Promise<void> {
    this.entries.clear()
  }

  /** Number of keys held (for tests of the bound). */
  get size(): number {
    return this.entries.size
  }

  private prune(): void {
    const max = this.options.maxKeys ?? 100_000
    if (this.entries.size <= max) return
    const now = this.now
    for (const [key, entry] of this.entries) if (entry.resetAt <= now) this.entries.delete(key)
    if (this.entries.size <= max) return
    const bySoonest = [...this.entries].sort((a, b) => a[1].resetAt - b[1].resetAt)
    for (const [key] of bySoonest.slice(0, this.entries.size - max)) this.entries.delete(key)
  }
}

// INCR and the expiry in one step, so two processes never both start a window; a key without expiry (left by
// a crash between commands of some older client) gets one.
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`

const UNDO = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`

/** Counters shared by every process that uses the same Redis (keys under `prefix`, expiring with their window). */
export class RedisCounterStore implements CounterStore {
  private readonly redis: Redis

  constructor(url: string, private readonly prefix = "maemok:throttle:") {
    // A throttle must not hang a login when Redis is slow: commands give up after a second (see `guarded`).
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, commandTimeout: 1_000, enableOfflineQueue: true })
    this.redis.on("error", (err) => warnOnce(`throttle: Redis error (${err.message}); throttles let requests through until it answers`))
  }

  async hit(key: string, windowMs: number): Promise<Count> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, String(windowMs))) as [number, number]
    return { count, resetInMs: Math.max(0, ttl) }
  }

  async undo(key: string): Promise<void> {
    await this.redis.eval(UNDO, 1, this.prefix + key)
  }

  async peek(key: string): Promise<Count> {
    const [count, ttl] = await this.redis.multi().get(this.prefix + key).pttl(this.prefix + key).exec().then((r) => (r ?? []).map(([, v]) => v))
    return count === null || count === undefined ? { count: 0, resetInMs: 0 } : { count: Number(count), resetInMs: Math.max(0, Number(ttl)) }
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key)
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect())
  }
}

let lastWarning = 0
function warnOnce(message: string): void {
  if (Date.now() - lastWarning < 60_000) return
  lastWarning = Date.now()
  console.warn(message)
}

/**
 * A store whose failures (Redis down or slow) let the request through and are logged: throttles are one layer
 * of defence, and with Redis gone Medusa's own Redis modules fail the shop anyway (decision 0024).
 */
export function guarded(store: CounterStore): CounterStore {
  const open: Count = { count: 0, resetInMs: 0 }
  const wrap = <T>(what: string, run: () => Promise<T>, fallback: T) =>
    run().catch((err: Error) => {
      warnOnce(`throttle: ${what} failed (${err.message}); letting the request through`)
      return fallback
    })
  return {
    hit: (key, windowMs) => wrap("hit", () => store.hit(key, windowMs), open),
    undo: (key) => wrap("undo", () => store.undo(key), undefined),
    peek: (key) => wrap("peek", () => store.peek(key), open),
    reset: (key) => wrap("reset", () => store.reset(key), undefined),
    close: () => store.close(),
  }
}

let shared: CounterStore | undefined

/**
 * The process's store: Redis when REDIS_URL is set, else memory. Redis keys are under the database's name, so
 * two shops (or two test databases) sharing one Redis never count together.
 */
export function counterStore(): CounterStore {
  const redisUrl = process.env.REDIS_URL || undefined
  if (!shared && redisUrl) shared = guarded(new RedisCounterStore(redisUrl, redisKeyPrefix(process.env.DATABASE_URL)))
  shared ??= new MemoryCounterStore()
  return shared
}

/** Where a shop's counters live in Redis: under its database's name (the bench looks there too). */
export function redisKeyPrefix(databaseUrl: string | undefined): string {
  let database = "default"
  try {
    database = new URL(databaseUrl ?? "").pathname.slice(1) || database
  } catch {
    // embedded PostgreSQL: one shop per data folder
  }
  return `maemok:throttle:${database}:`
}
