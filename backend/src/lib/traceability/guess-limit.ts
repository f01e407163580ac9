import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkGuessLimit, DEFAULT_GUESS_LIMIT, type GuessLimitCheck, newGuessLimitState, recordGuessMiss } from "@mae-mok/traceability"
import { clientIp, fromStorefront, type ProvenanceRefusal, scanIpHash } from "./provenance"

// In-process: one server's memory. Several servers behind a balancer each count on their own
// (docs/decisions/0010-scan-guess-limit.md).
const state = newGuessLimitState()

type Limited = MedusaResponse & { locals: { guessLimit?: GuessLimitCheck } }

/** Is this client (by the salted hash of its IP) over its guess limit now? */
export function guessLimitOf(ip: string): GuessLimitCheck {
  return checkGuessLimit(state, scanIpHash(ip), Date.now(), DEFAULT_GUESS_LIMIT)
}

/** Counts one refused code (400, 404 or 429) against this client. */
export function countGuessMiss(ip: string): void {
  recordGuessMiss(state, scanIpHash(ip), Date.now(), DEFAULT_GUESS_LIMIT)
}

/**
 * Middleware of the unit route: looks up the client's (hashed IP's) guess count before the route
 * runs, and counts the answer afterwards when it refused the code (400, 404, or 429).
 */
export function scanGuessLimit(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const ip = clientIp(req.headers, req.socket.remoteAddress)
  ;(res as Limited).locals.guessLimit = guessLimitOf(ip)
  res.on("finish", () => {
    if (res.statusCode === 400 || res.statusCode === 404 || res.statusCode === 429) countGuessMiss(ip)
  })
  next()
}

/** True when the middleware found this client over its limit: refusals then become 429 and are not recorded. */
export function isGuessLimited(res: MedusaResponse): boolean {
  return (res as Limited).locals.guessLimit?.limited === true
}

/** The 429 answer (status and body) that replaces a refusal while the client is limited. */
export function tooManyGuesses(retryAfterSeconds: number) {
  return {
    type: "too_many_requests",
    code: "TOO_MANY_GUESSES",
    message: `Too many unknown or malformed codes from this network; try again in ${retryAfterSeconds} s. Genuine labels still answer.`,
    message_th: `สแกนรหัสที่ไม่ถูกต้องมากเกินไป โปรดลองใหม่ในอีก ${retryAfterSeconds} วินาที`,
    retry_after_seconds: retryAfterSeconds,
  }
}

/** Sends a refusal, or 429 with Retry-After instead when the client has guessed too much. */
export function sendRefusal(res: MedusaResponse, refusal: ProvenanceRefusal): void {
  const limit = (res as Limited).locals.guessLimit
  if (limit?.limited) {
    res.setHeader("Retry-After", String(limit.retryAfterSeconds))
    res.status(429).json(tooManyGuesses(limit.retryAfterSeconds))
    return
  }
  res.status(refusal.status).json(refusal.body)
}

/**
 * Middleware of POST /store/provenance/scans: the batch names each scan's client IP, which only the storefront
 * may do (a publishable key is public; anyone else could count scans and dodge the guess limit at will).
 */
export function requireStorefront(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (fromStorefront(req.headers)) return next()
  res.status(403).json({
    type: "not_allowed",
    code: "STOREFRONT_ONLY",
    message: "Only the shop's storefront may record scans in batches (x-storefront-secret missing or wrong); scan a unit with GET /store/provenance/:gtin/:lot/:serial.",
    message_th: "เฉพาะหน้าร้านของร้านค้าเท่านั้นที่บันทึกการสแกนแบบกลุ่มได้",
  })
}
