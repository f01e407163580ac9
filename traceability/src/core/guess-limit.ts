/**
 * Rate limit for guessing label codes. A serial has 80 random bits, so guessing one is hopeless;
 * what a guesser can do is flood us with unknown-serial scans (each one a stored ScanEvent) and
 * error answers. So only *refused* answers (unknown or malformed codes) count, per client key
 * (a salted IP hash), in a sliding window; genuine codes are never counted and never refused,
 * so a shared IP (a village behind one carrier NAT) can still scan real labels.
 *
 * The state is a plain object the caller keeps (in process memory today; see
 * docs/decisions/0010-scan-guess-limit.md for several servers).
 */

export interface GuessLimitOptions {
  /** Refusals allowed per client within the window; the next one is limited. */
  limit: number;
  windowMs: number;
  /** Forget idle clients once this many are tracked (bounds memory under a spoofed-IP flood). */
  maxClients?: number;
}

export interface GuessLimitState {
  /** Per client key: times (ms) of its most recent refusals, oldest first, at most `limit` kept. */
  readonly misses: Map<string, number[]>;
}

export type GuessLimitCheck = { limited: false } | { limited: true; retryAfterSeconds: number };

export const DEFAULT_GUESS_LIMIT: Readonly<GuessLimitOptions> = { limit: 20, windowMs: 10 * 60_000, maxClients: 100_000 };

export function newGuessLimitState(): GuessLimitState {
  return { misses: new Map() };
}

function checkOptions(options: GuessLimitOptions): void {
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError("limit must be a positive integer");
  if (!(options.windowMs > 0)) throw new RangeError("windowMs must be positive");
}

/** Times of the client's refusals that are still inside the window at `now`. */
function recent(state: GuessLimitState, key: string, now: number, windowMs: number): number[] {
  const times = state.misses.get(key);
  if (!times) return [];
  const live = times.filter((t) => t > now - windowMs);
  if (live.length === 0) state.misses.delete(key);
  else if (live.length !== times.length) state.misses.set(key, live);
  return live;
}

/**
 * Is this client limited at `now`? Limited once it has `limit` refusals inside the window; it may
 * guess again when the oldest of those leaves the window (that is the Retry-After).
 */
export function checkGuessLimit(state: GuessLimitState, key: string, now: number, options: GuessLimitOptions = DEFAULT_GUESS_LIMIT): GuessLimitCheck {
  checkOptions(options);
  const live = recent(state, key, now, options.windowMs);
  if (live.length < options.limit) return { limited: false };
  const oldest = live[live.length - options.limit] as number;
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000)) };
}

/** Counts one refused answer for this client at `now`. */
export function recordGuessMiss(state: GuessLimitState, key: string, now: number, options: GuessLimitOptions = DEFAULT_GUESS_LIMIT): void {
  checkOptions(options);
  const live = recent(state, key, now, options.windowMs);
  live.push(now);
  // Only the newest `limit` matter for the decision; keeping no more bounds memory per client.
  state.misses.set(key, live.slice(-options.limit));
  const max = options.maxClients ?? DEFAULT_GUESS_LIMIT.maxClients!;
  if (state.misses.size > max) pruneGuessLimit(state, now, options, max);
}

/** Drops clients with nothing left in the window, then the oldest ones if still over `max`. */
export function pruneGuessLimit(state: GuessLimitState, now: number, options: GuessLimitOptions, max: number): void {
  for (const key of [...state.misses.keys()]) recent(state, key, now, options.windowMs);
  if (state.misses.size <= max) return;
  const byLastMiss = [...state.misses.entries()].sort((a, b) => (a[1].at(-1) as number) - (b[1].at(-1) as number));
  for (const [key] of byLastMiss.slice(0, state.misses.size - max)) state.misses.delete(key);
}
