import { parsePromptPayId } from "../modules/promptpay/payload"

/**
 * Every setting the backend reads from the environment, with development defaults.
 * The launcher and medusa-config.ts both use this, so there is one place that
 * decides defaults and refuses insecure production settings.
 */
export const DEV_JWT_SECRET = "dev-only-jwt-secret-change-me"
export const DEV_COOKIE_SECRET = "dev-only-cookie-secret-change-me"
export const DEV_ADMIN_EMAIL = "admin@maemok.local"
export const DEV_ADMIN_PASSWORD = "maemok-dev-password"
export const DEV_SCAN_IP_SALT = "dev-only-scan-ip-salt"
// The storefront's DEV_API_SECRET (storefront/app/lib/config.server.ts) is the same string.
export const DEV_STOREFRONT_API_SECRET = "dev-only-storefront-api-secret"

export type BackendEnv = {
  isProduction: boolean
  databaseUrl: string | undefined
  redisUrl: string | undefined
  medusaPort: number
  storefrontPort: number
  backendUrl: string
  storefrontUrl: string
  jwtSecret: string
  cookieSecret: string
  adminEmail: string
  adminPassword: string
  stripeApiKey: string | undefined
  stripeWebhookSecret: string | undefined
  /** Stripe's publishable key (pk_…), handed to the storefront's Payment Element. */
  stripePublishableKey: string | undefined
  /** The group's PromptPay ID (phone, tax ID or e-wallet), digits only; offers the native PromptPay QR. */
  promptpayId: string | undefined
  /** Native PromptPay orders still unpaid after this many minutes are cancelled and their stock released. */
  promptpayUnpaidTtlMinutes: number
  /** Bank-transfer / cash-on-delivery orders (pp_system_default) unconfirmed this long are cancelled likewise (decision 0014). */
  manualPaymentUnpaidTtlMinutes: number
  /** Most units of one product variant a store cart may hold (decision 0014). */
  maxUnitsPerLine: number
  /** Most units in all of a store cart (decision 0014). */
  maxUnitsPerOrder: number
  workerMode: "shared" | "worker" | "server"
  /** Salt of the IP hashes kept with provenance scans (the raw IP is never stored). */
  scanIpSalt: string
  /** Shared with the storefront: a request carrying it may say whose IP a scan came from (x-forwarded-for, client_ip). */
  storefrontApiSecret: string
  /** "memory": Medusa's caching module with its in-memory provider when there is no Redis; "off" (default). */
  medusaCaching: "memory" | "off"
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`${name} must be a TCP port number (1-65535), got "${value}"`)
  }
  return n
}

function url(value: string | undefined, fallback: string, name: string): string {
  const raw = value && value !== "" ? value : fallback
  try {
    return new URL(raw).origin
  } catch {
    throw new Error(`${name} must be an absolute URL such as https://shop.example.com, got "${raw}"`)
  }
}

function minutes(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`${name} must be a positive number of minutes, got "${value}"`)
  }
  return n
}

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of units (1 or more), got "${value}"`)
  return n
}

function promptpayId(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") return undefined
  const id = parsePromptPayId(value)
  if (!id) {
    throw new Error(
      `PROMPTPAY_ID must be a Thai mobile number (10 digits, 0…), a 13-digit citizen/tax ID or a 15-digit e-wallet ID, got "${value}"`
    )
  }
  return id.target
}

/** Stripe is all or nothing: a key without its webhook secret would leave paid orders pending. */
function assertStripeSettings(config: BackendEnv): void {
  const { stripeApiKey, stripeWebhookSecret, stripePublishableKey } = config
  if (!stripeApiKey && !stripeWebhookSecret && !stripePublishableKey) return
  const problems: string[] = []
  if (!stripeApiKey || !/^(sk|rk)_/.test(stripeApiKey)) problems.push("STRIPE_API_KEY must be a secret key (sk_… or rk_…)")
  if (!stripeWebhookSecret || !stripeWebhookSecret.startsWith("whsec_")) {
    problems.push("STRIPE_WEBHOOK_SECRET must be the webhook signing secret (whsec_…)")
  }
  if (!stripePublishableKey || !stripePublishableKey.startsWith("pk_")) {
    problems.push("STRIPE_PUBLISHABLE_KEY must be the publishable key (pk_…)")
  }
  if (problems.length > 0) {
    throw new Error(`Stripe needs STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_PUBLISHABLE_KEY together: ${problems.join("; ")}`)
  }
}

/**
 * APP_ENV says whether this is a real deployment. It falls back to NODE_ENV, but `medusa start`
 * forces NODE_ENV=production even on a laptop, so the development launcher passes APP_ENV=development.
 */
export function appEnv(env: NodeJS.ProcessEnv = process.env): "production" | "development" {
  return (env.APP_ENV || env.NODE_ENV) === "production" ? "production" : "development"
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): BackendEnv {
  const isProduction = appEnv(env) === "production"
  const medusaPort = port(env.MEDUSA_PORT, 9000, "MEDUSA_PORT")
  const storefrontPort = port(env.PORT, 8000, "PORT")
  const workerMode = (env.MEDUSA_WORKER_MODE || "shared") as BackendEnv["workerMode"]
  if (!["shared", "worker", "server"].includes(workerMode)) {
    throw new Error(`MEDUSA_WORKER_MODE must be shared, worker or server, got "${workerMode}"`)
  }
  const result: BackendEnv = {
    isProduction,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    medusaPort,
    storefrontPort,
    backendUrl: url(env.MEDUSA_BACKEND_URL, `http://localhost:${medusaPort}`, "MEDUSA_BACKEND_URL"),
    storefrontUrl: url(env.STOREFRONT_URL, `http://localhost:${storefrontPort}`, "STOREFRONT_URL"),
    jwtSecret: env.JWT_SECRET || DEV_JWT_SECRET,
    cookieSecret: env.COOKIE_SECRET || DEV_COOKIE_SECRET,
    adminEmail: env.MEDUSA_ADMIN_EMAIL || DEV_ADMIN_EMAIL,
    adminPassword: env.MEDUSA_ADMIN_PASSWORD || DEV_ADMIN_PASSWORD,
    stripeApiKey: env.STRIPE_API_KEY || undefined,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
    stripePublishableKey: env.STRIPE_PUBLISHABLE_KEY || undefined,
    promptpayId: promptpayId(env.PROMPTPAY_ID),
    promptpayUnpaidTtlMinutes: minutes(env.PROMPTPAY_UNPAID_TTL_MINUTES, 24 * 60, "PROMPTPAY_UNPAID_TTL_MINUTES"),
    manualPaymentUnpaidTtlMinutes: minutes(env.MANUAL_PAYMENT_UNPAID_TTL_MINUTES, 3 * 24 * 60, "MANUAL_PAYMENT_UNPAID_TTL_MINUTES"),
    maxUnitsPerLine: count(env.MAX_UNITS_PER_LINE, 10, "MAX_UNITS_PER_LINE"),
    maxUnitsPerOrder: count(env.MAX_UNITS_PER_ORDER, 30, "MAX_UNITS_PER_ORDER"),
    workerMode,
    // Production without SCAN_IP_SALT derives it from the (required, secret) JWT secret: a published
    // salt would let anyone reverse IPv4 hashes by trying all 2^32 addresses.
    scanIpSalt: env.SCAN_IP_SALT || (isProduction ? `scan-ip:${env.JWT_SECRET ?? ""}` : DEV_SCAN_IP_SALT),
    storefrontApiSecret: env.STOREFRONT_API_SECRET || DEV_STOREFRONT_API_SECRET,
    medusaCaching: (env.MEDUSA_CACHING || "off") as BackendEnv["medusaCaching"],
  }
  if (result.maxUnitsPerLine > result.maxUnitsPerOrder) {
    throw new Error(`MAX_UNITS_PER_LINE (${result.maxUnitsPerLine}) must not be more than MAX_UNITS_PER_ORDER (${result.maxUnitsPerOrder})`)
  }
  if (!["memory", "off"].includes(result.medusaCaching)) throw new Error(`MEDUSA_CACHING must be memory or off, got "${result.medusaCaching}"`)
  assertStripeSettings(result)
  if (isProduction) assertProductionReady(result, env)
  return result
}

/** Production must not run on secrets that are published in this repository. */
export function assertProductionReady(config: BackendEnv, env: NodeJS.ProcessEnv): void {
  const problems: string[] = []
  if (config.jwtSecret === DEV_JWT_SECRET) problems.push("JWT_SECRET is not set")
  if (config.cookieSecret === DEV_COOKIE_SECRET) problems.push("COOKIE_SECRET is not set")
  if (config.storefrontApiSecret === DEV_STOREFRONT_API_SECRET) problems.push("STOREFRONT_API_SECRET is not set")
  for (const [name, value] of [["JWT_SECRET", env.JWT_SECRET], ["COOKIE_SECRET", env.COOKIE_SECRET], ["STOREFRONT_API_SECRET", env.STOREFRONT_API_SECRET]] as const) {
    if (value && value.length < 32) problems.push(`${name} must be at least 32 characters`)
  }
  // An unset salt is derived from JWT_SECRET (checked above); the published dev salt is refused.
  if (env.SCAN_IP_SALT === DEV_SCAN_IP_SALT) problems.push("SCAN_IP_SALT is the published development value")
  if (!env.MEDUSA_ADMIN_PASSWORD || config.adminPassword === DEV_ADMIN_PASSWORD) {
    problems.push("MEDUSA_ADMIN_PASSWORD is not set")
  }
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start in production (APP_ENV or NODE_ENV is production): ${problems.join("; ")}. ` +
        "Set them in the environment; see README.md."
    )
  }
}

/**
 * Payment providers offered in the Thai region, by configuration. pp_system_default is Medusa's manual
 * provider (bank transfer / pay on delivery) and is always offered, so the shop works with none set.
 */
export function paymentProviderIds(config: BackendEnv): string[] {
  return [
    "pp_system_default",
    ...(config.stripeApiKey ? ["pp_stripe_stripe", "pp_stripe-promptpay_stripe"] : []),
    ...(config.promptpayId ? ["pp_promptpay_promptpay"] : []),
  ]
}
