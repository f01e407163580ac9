/**
 * Rate limit for guessing label codes. A serial has 80 random bits, so guessing one is hopeless;
 * what a guesser can do is flood us with unknown-serial scans (each one a stored ScanEvent) and
 * error answers. So only *refused* answers (unknown or malformed codes) count, per client key
 * (a salted IP hash); genuine codes are never counted and never refused, so a shared IP (a village
 * behind one carrier NAT) can still scan real labels.
 *
 * The counts are the caller's: fixed windows of `windowMs` starting at a client's first refusal, as
 * the backend's throttle counter store keeps them (in memory, or in Redis for every process;
 * docs/decisions/0071-guess-limit-in-the-counter-store.md). This is only the policy and the verdict.
 */

export interface GuessLimitOptions {
  /** Refusals allowed per client within its window; the next one is limited. */
  limit: number;
  windowMs: number;
}

/** A client's refusals in its current window and the time until that window ends (0 and 0: none). */
export interface GuessCount {
  count: number;
  resetInMs: number;
}

export type GuessLimitCheck = { limited: false } | { limited: true; retryAfterSeconds: number };

export const DEFAULT_GUESS_LIMIT: Readonly<GuessLimitOptions> = { limit: 20, windowMs: 10 * 60_000 };

/**
 * Is this client limited, with `counted` refusals so far in its window? Limited once it has `limit` of them;
 * it may guess again when the window ends (that is the Retry-After, never longer than the window).
 */
export function checkGuessLimit(counted: GuessCount, options: GuessLimitOptions = DEFAULT_GUESS_LIMIT): GuessLimitCheck {
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError("limit must be a positive integer");
  if (!(options.windowMs > 0)) throw new RangeError("windowMs must be positive");
  if (counted.count < options.limit) return { limited: false };
  const waitMs = Math.min(Math.max(0, counted.resetInMs), options.windowMs);
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
