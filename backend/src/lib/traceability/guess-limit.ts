import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkGuessLimit, DEFAULT_GUESS_LIMIT, type GuessLimitCheck, newGuessLimitState, recordGuessMiss } from "@mae-mok/traceability"
import { clientIp, type ProvenanceRefusal, scanIpHash } from "./provenance"

// In-process: one server's memory. Several servers behind a balancer each count on their own
// (docs/decisions/0010-scan-guess-limit.md).
const state = newGuessLimitState()

type Limited = MedusaResponse & { locals: { guessLimit?: GuessLimitCheck } }

/**
 * Middleware of the unit route: looks up the client's (hashed IP's) guess count before the route
 * runs, and counts the answer afterwards when it refused the code (400, 404, or 429).
 */
export function scanGuessLimit(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const key = scanIpHash(clientIp(req.headers, req.socket.remoteAddress))
  ;(res as Limited).locals.guessLimit = checkGuessLimit(state, key, Date.now(), DEFAULT_GUESS_LIMIT)
  res.on("finish", () => {
    if (res.statusCode === 400 || res.statusCode === 404 || res.statusCode === 429) recordGuessMiss(state, key, Date.now(), DEFAULT_GUESS_LIMIT)
  })
  next()
}

/** True when the middleware found this client over its limit: refusals then become 429 and are not recorded. */
export function isGuessLimited(res: MedusaResponse): boolean {
  return (res as Limited).locals.guessLimit?.limited === true
}

/** Sends a refusal, or 429 with Retry-After instead when the client has guessed too much. */
export function sendRefusal(res: MedusaResponse, refusal: ProvenanceRefusal): void {
  const limit = (res as Limited).locals.guessLimit
  if (limit?.limited) {
    res.setHeader("Retry-After", String(limit.retryAfterSeconds))
    res.status(429).json({
      type: "too_many_requests",
      code: "TOO_MANY_GUESSES",
      message: `Too many unknown or malformed codes from this network; try again in ${limit.retryAfterSeconds} s. Genuine labels still answer.`,
      message_th: `สแกนรหัสที่ไม่ถูกต้องมากเกินไป โปรดลองใหม่ในอีก ${limit.retryAfterSeconds} วินาที`,
      retry_after_seconds: limit.retryAfterSeconds,
    })
    return
  }
  res.status(refusal.status).json(refusal.body)
}
