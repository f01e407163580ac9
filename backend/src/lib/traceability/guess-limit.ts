import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { checkGuessLimit, DEFAULT_GUESS_LIMIT, type GuessLimitCheck } from "@mae-mok/traceability"
import { AppError, tooManyRequests } from "../errors"
import { clientIp, fromStorefront } from "../http/storefront-auth"
import { counterStore } from "../throttle/store"
import { throttleKey } from "../throttle/throttle"

export type { GuessLimitCheck }

// Counted in the throttles' counter store: in this process's memory, or with REDIS_URL in Redis, so that
// every server process counts a guesser together (docs/decisions/0071-guess-limit-in-the-counter-store.md).
const keyOf = (ip: string) => throttleKey("guess", ip)

type Limited = MedusaResponse & { locals: { guessLimit?: GuessLimitCheck } }

/** Is this client (by the salted hash of its IP) over its guess limit now? */
export async function guessLimitOf(ip: string): Promise<GuessLimitCheck> {
  return checkGuessLimit(await counterStore().peek(keyOf(ip)), DEFAULT_GUESS_LIMIT)
}

/**
 * Counts one refused code (400, 404 or 429) against this client and tells whether it was over its limit before
 * this one (one atomic step, so refusals answered in parallel by several processes are each counted once).
 */
export async function countGuessMiss(ip: string): Promise<GuessLimitCheck> {
  const after = await counterStore().hit(keyOf(ip), DEFAULT_GUESS_LIMIT.windowMs)
  return checkGuessLimit({ count: after.count - 1, resetInMs: after.resetInMs }, DEFAULT_GUESS_LIMIT)
}

/**
 * Middleware of the unit route: looks up the client's (hashed IP's) guess count before the route
 * runs, and counts the answer afterwards when it refused the code (400, 404, or 429).
 */
export function scanGuessLimit(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const ip = clientIp(req.headers, req.socket.remoteAddress)
  res.on("finish", () => {
    if (res.statusCode === 400 || res.statusCode === 404 || res.statusCode === 429) void countGuessMiss(ip)
  })
  guessLimitOf(ip).then((limit) => {
    ;(res as Limited).locals.guessLimit = limit
    next()
  }, next)
}

/** What the middleware found for this request's client (GET …/:serial), if it ran. */
export function guessLimitOfResponse(res: MedusaResponse): GuessLimitCheck | undefined {
  return (res as Limited).locals.guessLimit
}

/** A refused code stays itself unless the client has guessed too much: then 429, with the wait. */
export function refusalWithin(limit: GuessLimitCheck | undefined, refusal: AppError): AppError {
  if (!limit?.limited) return refusal
  const seconds = limit.retryAfterSeconds
  return tooManyRequests(
    {
      code: "TOO_MANY_GUESSES",
      message: `Too many unknown or malformed codes from this network; try again in ${seconds} s. Genuine labels still answer.`,
      message_th: `สแกนรหัสที่ไม่ถูกต้องมากเกินไป โปรดลองใหม่ในอีก ${seconds} วินาที`,
    },
    seconds
  )
}

/**
 * Middleware of POST /store/provenance/scans: the batch names each scan's client IP, which only the storefront
 * may do (a publishable key is public; anyone else could count scans and dodge the guess limit at will).
 */
export function requireStorefront(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  if (fromStorefront(req.headers)) return next()
  // 403 with the type Medusa calls not_allowed (its own NOT_ALLOWED would answer 400).
  const refusal = {
    code: "STOREFRONT_ONLY",
    message: "Only the shop's storefront may record scans in batches (x-storefront-secret missing or wrong); scan a unit with GET /store/provenance/:gtin/:lot/:serial.",
    message_th: "เฉพาะหน้าร้านของร้านค้าเท่านั้นที่บันทึกการสแกนแบบกลุ่มได้",
  }
  next(new AppError(MedusaError.Types.NOT_ALLOWED, refusal, { status: 403 }))
}
