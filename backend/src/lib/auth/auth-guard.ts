import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { AppError } from "../errors"
import { counterStore } from "../throttle/store"
import { countAttempt, type Gate, requestIp, type Refusal, throttleKey, throttleSettings, tooManyAttempts } from "../throttle/throttle"
import { passwordProblem } from "./password-policy"

/**
 * Middlewares of Medusa's /auth routes (docs/decisions/0024-throttling.md): guessing passwords is throttled per
 * client IP and per account, and a new password must pass the policy. The same for customers and admin users.
 */

type Body = Record<string, unknown> | undefined

const email = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim().toLowerCase() : null)
const actor = (req: MedusaRequest): string => String(req.params.actor_type ?? "")
const ipGate = (req: MedusaRequest): Gate => ({ key: throttleKey("auth-ip", requestIp(req)), rule: throttleSettings().loginPerIp })
// Logins and reset requests count apart per account: a guesser who locks an account's logins must not also
// stop its owner from asking for a new password.
const accountGate = (req: MedusaRequest, address: string, kind: "login" | "reset"): Gate => ({
  key: throttleKey(`${kind}-account`, `${actor(req)}:${address}`),
  rule: throttleSettings().loginPerAccount,
})

const LOGIN: Refusal = {
  code: "TOO_MANY_LOGIN_ATTEMPTS",
  message: (wait) => `Too many attempts to log in to this account or from this network. Try again in ${wait}.`,
  message_th: (wait) => `มีการพยายามเข้าสู่ระบบมากเกินไป โปรดลองใหม่ในอีก ${wait}`,
}

/**
 * POST /auth/:actor_type/:auth_provider (log in). Every attempt counts for the IP and the account before it
 * runs; a successful login takes its IP attempt back and clears the account's count, so only failures add up.
 */
export async function loginThrottle(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  // The same path shape serves /auth/token/refresh and Medusa's MFA and verification routes: not logins.
  if (["token", "mfa", "verification"].includes(actor(req))) return next()
  const address = email((req.body as Body)?.email)
  const ip = ipGate(req)
  const account = address ? accountGate(req, address, "login") : null
  const verdict = await countAttempt(account ? [ip, account] : [ip])
  if (!verdict.ok) return next(tooManyAttempts(verdict.retryAfterSeconds, LOGIN))
  res.on("finish", () => {
    if (res.statusCode < 200 || res.statusCode >= 300) return
    const store = counterStore()
    void store.undo(ip.key)
    if (account) void store.reset(account.key)
  })
  next()
}

const REGISTER: Refusal = {
  code: "TOO_MANY_REGISTRATIONS",
  message: (wait) => `Too many accounts created or login attempts from this network. Try again in ${wait}.`,
  message_th: (wait) => `มีการสมัครสมาชิกหรือเข้าสู่ระบบจากเครือข่ายนี้มากเกินไป โปรดลองใหม่ในอีก ${wait}`,
}

/** POST /auth/:actor_type/:auth_provider/register: each registration counts for the IP, like a failed login. */
export async function registerThrottle(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const verdict = await countAttempt([ipGate(req)])
  if (!verdict.ok) return next(tooManyAttempts(verdict.retryAfterSeconds, REGISTER))
  next()
}

const RESET: Refusal = {
  code: "TOO_MANY_RESET_REQUESTS",
  message: (wait) => `Too many password reset requests for this account or from this network. Try again in ${wait}.`,
  message_th: (wait) => `ขอตั้งรหัสผ่านใหม่บ่อยเกินไป โปรดลองใหม่ในอีก ${wait}`,
}

/** POST /auth/:actor_type/:auth_provider/reset-password: counts for the IP and the account (no e-mail flood). */
export async function resetThrottle(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const address = email((req.body as Body)?.identifier)
  const gates = [ipGate(req), ...(address ? [accountGate(req, address, "reset")] : [])]
  const verdict = await countAttempt(gates)
  if (!verdict.ok) return next(tooManyAttempts(verdict.retryAfterSeconds, RESET))
  next()
}

/**
 * POST …/register and …/update (a reset with its token): the new password must pass the policy; otherwise 400
 * with the reason, before Medusa hashes or stores anything.
 */
export function passwordPolicy(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = req.body as Body
  const problem = passwordProblem(body?.password, body?.email ?? (req as { auth_context?: { actor_id?: string } }).auth_context?.actor_id)
  if (!problem) return next()
  next(new AppError(MedusaError.Types.INVALID_DATA, { code: "WEAK_PASSWORD", message: problem.message, message_th: problem.message_th }, { details: { reason: problem.reason } }))
}
