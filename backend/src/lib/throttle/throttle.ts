import crypto from "node:crypto"
import type { IncomingMessage } from "node:http"
import proxyaddr from "proxy-addr"
import { type AppError, tooManyRequests } from "../errors"
import { readEnv } from "../env"
import { fromStorefront } from "../http/storefront-auth"
import { readThrottleSettings, type ThrottleRule, type ThrottleSettings } from "./settings"
import { counterStore, type CounterStore } from "./store"

/**
 * What the backend's throttles share (docs/decisions/0024-throttling.md): who is asking, the keys they are
 * counted under, counting an attempt against several rules at once, and the 429 answer.
 */

let trust: ((addr: string, index: number) => boolean) | undefined

/** TRUST_PROXY in Express's syntax (the storefront reads the same setting): addresses, CIDRs, names, a hop count. */
function trustFunction(value: string): (addr: string, index: number) => boolean {
  if (value === "true") return () => true
  if (value === "false") return () => false
  if (/^\d+$/.test(value)) return (_addr, index) => index < Number(value)
  return proxyaddr.compile(value.split(",").map((v) => v.trim()).filter(Boolean))
}

/**
 * The client's IP: the buyer's, when the storefront forwards it with its secret (x-storefront-secret and the first
 * x-forwarded-for entry); otherwise the peer's address, or behind a trusted reverse proxy (TRUST_PROXY, default
 * loopback) the address that proxy saw. Medusa itself trusts one hop of X-Forwarded-For from anyone, which a
 * guesser could set at will, so req.ip is not used.
 */
export function requestIp(req: IncomingMessage): string {
  if (fromStorefront(req.headers)) {
    const forwarded = req.headers["x-forwarded-for"]
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim()
    if (first) return first
  }
  trust ??= trustFunction(process.env.TRUST_PROXY || "loopback")
  return proxyaddr(req, trust) || "unknown"
}

let salt: string | undefined

/** A counter key that names no one: IPs and e-mail addresses are kept only as salted hashes (as scans are). */
export function throttleKey(kind: string, value: string): string {
  salt ??= readEnv().scanIpSalt
  return `${kind}:${crypto.createHash("sha256").update(`${salt}\n${kind}\n${value}`).digest("base64url").slice(0, 32)}`
}

let settings: ThrottleSettings | undefined
export function throttleSettings(): ThrottleSettings {
  settings ??= readThrottleSettings()
  return settings
}

export type Gate = { key: string; rule: ThrottleRule }
export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number }

/**
 * Counts one attempt under every gate, before the work is done (so a burst of parallel attempts cannot all slip
 * through). Over any gate's limit the attempt is refused; the wait is until the last such window ends.
 */
export async function countAttempt(gates: Gate[], store: CounterStore = counterStore()): Promise<Verdict> {
  const counts = await Promise.all(gates.map((gate) => store.hit(gate.key, gate.rule.windowMs)))
  const waits = counts.flatMap((count, i) => (count.count > gates[i]!.rule.limit ? [count.resetInMs] : []))
  if (waits.length === 0) return { ok: true }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) }
}

/** In words for people: "3 minutes" / "3 นาที" (a whole minute at least, seconds below one). */
function wait(seconds: number): [string, string] {
  if (seconds < 60) return [`${seconds} seconds`, `${seconds} วินาที`]
  const minutes = Math.ceil(seconds / 60)
  return [`${minutes} minute${minutes === 1 ? "" : "s"}`, `${minutes} นาที`]
}

/** A throttle's refusal, worded around the wait ("3 minutes" / "3 นาที"). */
export type Refusal = { code: string; message: (wait: string) => string; message_th: (wait: string) => string }

/**
 * The one 429 of the backend: an AppError (lib/errors.ts) that `apiErrorHandler` answers with Retry-After and
 * `{ type: "too_many_requests", code, message, message_th, retry_after_seconds }`. Middlewares pass it to next().
 */
export function tooManyAttempts(retryAfterSeconds: number, refusal: Refusal): AppError {
  const [en, th] = wait(retryAfterSeconds)
  return tooManyRequests({ code: refusal.code, message: refusal.message(en), message_th: refusal.message_th(th) }, retryAfterSeconds)
}
