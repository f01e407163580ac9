/**
 * Limits of the backend's throttles, from the environment with defaults (README "Configuration",
 * docs/decisions/0024-throttling.md). A rule allows `limit` counted attempts per client in a window of `windowMs`.
 */
export type ThrottleRule = { limit: number; windowMs: number }

export type ThrottleSettings = {
  /** Failed logins and password-reset requests per account (e-mail and actor type). */
  loginPerAccount: ThrottleRule
  /** Failed logins, registrations and password-reset requests per client IP. */
  loginPerIp: ThrottleRule
  /** Cart completions that place an order, per client IP. */
  checkoutPerIp: ThrottleRule
  /** "Suspicious label" reports from the provenance page, per client IP. */
  reportPerIp: ThrottleRule
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]
  if (value === undefined || value === "") return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${value}"`)
  return n
}

export function readThrottleSettings(env: NodeJS.ProcessEnv = process.env): ThrottleSettings {
  const loginWindowMs = positiveInteger(env, "LOGIN_LIMIT_WINDOW_MINUTES", 15) * 60_000
  const checkoutWindowMs = positiveInteger(env, "CHECKOUT_LIMIT_WINDOW_MINUTES", 60) * 60_000
  return {
    loginPerAccount: { limit: positiveInteger(env, "LOGIN_LIMIT_PER_ACCOUNT", 10), windowMs: loginWindowMs },
    loginPerIp: { limit: positiveInteger(env, "LOGIN_LIMIT_PER_IP", 30), windowMs: loginWindowMs },
    checkoutPerIp: { limit: positiveInteger(env, "CHECKOUT_LIMIT_PER_IP", 10), windowMs: checkoutWindowMs },
    reportPerIp: { limit: positiveInteger(env, "REPORT_LIMIT_PER_IP", 5), windowMs: positiveInteger(env, "REPORT_LIMIT_WINDOW_MINUTES", 60) * 60_000 },
  }
}
