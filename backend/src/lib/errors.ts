import { getHttpResponseFromError } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * The one error shape of this backend (docs/decisions/0021-conventions.md): every refusal carries a stable
 * `code`, an English `message` and a Thai `message_th`, and the API answers it as
 * `{ type, code, message, message_th }` with the status its type (or `status`) says. Thrown anywhere — a
 * route, a middleware, a workflow step — and mapped to HTTP once, by `apiErrorHandler` (api/middlewares.ts).
 *
 * It is a MedusaError, so Medusa's own handling (workflow compensation, its status mapping) treats it as one.
 * Workflow errors may reach the handler as plain objects (the engines serialise step errors), which is why
 * the handler reads `message_th` and `status` off any error-like value rather than checking the class.
 */
export class AppError extends MedusaError {
  readonly message_th: string
  /** Only for answers Medusa's types have no status for (410, 413, 429 …); otherwise the type decides. */
  readonly status?: number
  /** More fields of the answer's body, beside the four (a link's broken `part`, a scan's verdict, a wait). */
  readonly details?: Record<string, unknown>

  constructor(type: AppErrorType | "too_many_requests", refusal: Refusal, options: { status?: number; details?: Record<string, unknown> } = {}) {
    super(type, refusal.message, refusal.code)
    this.message_th = refusal.message_th
    if (options.status !== undefined) this.status = options.status
    if (options.details !== undefined) this.details = options.details
  }
}

/** What a refusal says, in the core's words too: a stable code, English, Thai. */
export type Refusal = { code: string; message: string; message_th: string }

export type AppErrorType = (typeof MedusaError.Types)[keyof typeof MedusaError.Types]

/** The core's refusals say `message_en`; the API says `message`. */
export function fromCore(refusal: { code: string; message_en: string; message_th: string }): Refusal {
  return { code: refusal.code, message: refusal.message_en, message_th: refusal.message_th }
}

/**
 * The traceability core's refusals (MoneyError, LedgerError: plain Errors with a stable `code`, `message_en` and
 * `message_th`) as AppErrors: 400 not_allowed — the data makes the money operation impossible (a batch with no
 * households to share with, an amount that is not whole satang). Recognised by name, not class, because a
 * workflow step's error reaches the handler as a serialised copy. Null for anything else.
 */
export function coreRefusal(err: unknown): AppError | null {
  if (!err || typeof err !== "object" || err instanceof AppError) return null
  const e = err as { name?: unknown; code?: unknown; message_en?: unknown; message?: unknown; message_th?: unknown }
  if (typeof e.name !== "string" || !CORE_REFUSALS.has(e.name)) return null
  if (typeof e.code !== "string" || typeof e.message_th !== "string") return null
  const message = typeof e.message_en === "string" ? e.message_en : String(e.message ?? e.code)
  return notAllowed({ code: e.code, message, message_th: e.message_th })
}
const CORE_REFUSALS = new Set(["MoneyError", "LedgerError"])

/** 400: the request is well-formed but its data is wrong (a field, a value). */
export function invalid(refusal: Refusal): AppError {
  return new AppError(MedusaError.Types.INVALID_DATA, refusal)
}

/** 400: the data is fine but the rules refuse it now (a transition, a used harvest lot). */
export function notAllowed(refusal: Refusal): AppError {
  return new AppError(MedusaError.Types.NOT_ALLOWED, refusal)
}

/** 404, naming what was looked for. */
export function notFound(what: { en: string; th: string }, id: string, code = "NOT_FOUND"): AppError {
  return new AppError(MedusaError.Types.NOT_FOUND, {
    code,
    message: `${what.en} ${id} was not found`,
    message_th: `ไม่พบ${what.th} ${id}`,
  })
}

/** 403: who is asking may not do this. */
export function forbidden(refusal: Refusal): AppError {
  return new AppError(MedusaError.Types.FORBIDDEN, refusal)
}

/**
 * 409: another request changed the same thing first (a race lost cleanly). The status is explicit because
 * Medusa's handler answers its CONFLICT type with a generic "retry with the Idempotency-Key" message, which
 * would hide ours (STOCK_BUSY, SLUG_TAKEN …).
 */
export function conflict(refusal: Refusal): AppError {
  return new AppError(MedusaError.Types.CONFLICT, refusal, { status: 409 })
}

/** 429: too many attempts; the body and the Retry-After header say how long to wait. */
export function tooManyRequests(refusal: Refusal, retryAfterSeconds: number): AppError {
  return new AppError("too_many_requests", refusal, { status: 429, details: { retry_after_seconds: retryAfterSeconds } })
}

/** The Thai message, explicit status and extra body fields of any error-like value (an AppError, or one a workflow engine serialised). */
export function errorExtras(err: unknown): { message_th?: string; status?: number; details?: Record<string, unknown> } {
  if (!err || typeof err !== "object") return {}
  const e = err as { message_th?: unknown; status?: unknown; details?: unknown }
  return {
    ...(typeof e.message_th === "string" ? { message_th: e.message_th } : {}),
    ...(typeof e.status === "number" && e.status >= 400 && e.status < 600 ? { status: e.status } : {}),
    ...(e.details && typeof e.details === "object" && !Array.isArray(e.details) ? { details: e.details as Record<string, unknown> } : {}),
  }
}

export type ErrorAnswer = { status: number; body: Record<string, unknown>; headers: Record<string, string> }

/**
 * The HTTP answer of an AppError (or its serialised copy): Medusa's status and body for its type, or the explicit
 * `status` with the error's own type, plus `message_th` and `details`; Retry-After for a 429 that names its wait.
 * Null for errors that are not ours (Medusa's handler answers those). Used by `apiErrorHandler` and by routes
 * that answer many refusals in one body (POST /store/provenance/scans).
 */
export function errorAnswer(err: unknown): ErrorAnswer | null {
  err = coreRefusal(err) ?? err
  const extras = errorExtras(err)
  if (extras.message_th === undefined && extras.status === undefined) return null
  const e = err as { type?: unknown; code?: unknown; message?: unknown }
  let status: number
  let body: Record<string, unknown>
  if (extras.status !== undefined) {
    status = extras.status
    body = { type: e.type, code: e.code, message: e.message }
  } else {
    const medusa = getHttpResponseFromError(err as Error)
    status = medusa.statusCode
    body = { ...medusa.body }
    // Medusa puts its generic code on some types (a duplicate's invalid_request_error); ours says which refusal it is.
    if (typeof e.code === "string" && e.code) body.code = e.code
  }
  if (status < 500) Object.assign(body, extras.message_th !== undefined ? { message_th: extras.message_th } : {}, extras.details ?? {})
  const wait = extras.details?.retry_after_seconds
  const headers: Record<string, string> = status === 429 && typeof wait === "number" ? { "Retry-After": String(wait) } : {}
  return { status, body, headers }
}
