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
// The storefront's DEV_API_SECRET and DEV_SESSION_SECRET (storefront/app/lib/config.server.ts) are the same strings.
export const DEV_STOREFRONT_API_SECRET = "dev-only-storefront-api-secret"
export const DEV_STOREFRONT_SESSION_SECRET = "mae-mok-dev-session-secret-change-me"

export type BackendEnv = {
  isProduction: boolean
  databaseUrl: string | undefined
  redisUrl: string | undefined
  medusaPort: number
  storefrontPort: number
  /** The address both servers listen on: 127.0.0.1 unless the deployment says otherwise (HOST). */
  host: string
  /** Medusa's public origin (admin, product images): what browsers use. MEDUSA_BACKEND_URL. */
  backendUrl: string
  /** The shop's public origin: QR labels, EPCIS ids, links. STOREFRONT_URL. */
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
  /** Bank-transfer / cash-on-delivery orders (pp_system_default) unconfirmed this long are cancelled likewise (decision 0023). */
  manualPaymentUnpaidTtlMinutes: number
  /** Most units of one product variant a store cart may hold (decision 0023). */
  maxUnitsPerLine: number
  /** Most units in all of a store cart (decision 0023). */
  maxUnitsPerOrder: number
  workerMode: "shared" | "worker" | "server"
  /** Salt of the IP hashes kept with provenance scans (the raw IP is never stored). */
  scanIpSalt: string
  /** Shared with the storefront: a request carrying it may say whose IP a scan came from (x-forwarded-for, client_ip). */
  storefrontApiSecret: string
  /** "memory": Medusa's caching module with its in-memory provider when there is no Redis; "off" (default). */
  medusaCaching: "memory" | "off"
  /** The group's contact printed on the e-catalogue: SHOP_CONTACT_PHONE, SHOP_CONTACT_EMAIL, SHOP_LINE_ID (e.g. @maemokherbs). */
  shopContact: { phone: string; email: string; lineId: string }
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

/**
 * The two public origins, decided here only. The launcher passes both to every process it starts (Medusa, the seed,
 * the storefront) as STOREFRONT_URL and MEDUSA_BACKEND_URL, so no process guesses them from its own PORT: Medusa
 * runs with PORT set to its own port, which once made every QR label point at the backend.
 */
export function publicOrigins(env: NodeJS.ProcessEnv = process.env): { storefrontUrl: string; backendUrl: string; storefrontPort: number; medusaPort: number } {
  const medusaPort = port(env.MEDUSA_PORT, 9000, "MEDUSA_PORT")
  const storefrontPort = port(env.PORT, 8000, "PORT")
  return {
    medusaPort,
    storefrontPort,
    backendUrl: url(env.MEDUSA_BACKEND_URL, `http://localhost:${medusaPort}`, "MEDUSA_BACKEND_URL"),
    storefrontUrl: url(env.STOREFRONT_URL, `http://localhost:${storefrontPort}`, "STOREFRONT_URL"),
  }
}

/**
 * HOST, the address the servers listen on: 127.0.0.1 unless the deployment says otherwise (one address, IPv4, IPv6
 * or a name; 0.0.0.0 is every interface). storefront/server.js has the same default.
 */
export function listenHost(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.HOST?.trim() || "127.0.0.1"
  if (!/^[A-Za-z0-9.:-]+$/.test(raw)) throw new Error(`HOST must be an address such as 127.0.0.1, ::1 or 0.0.0.0, got "${env.HOST}"`)
  return raw
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): BackendEnv {
  const isProduction = appEnv(env) === "production"
  const { medusaPort, storefrontPort, backendUrl, storefrontUrl } = publicOrigins(env)
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
    host: listenHost(env),
    backendUrl,
    storefrontUrl,
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
    shopContact: {
      phone: env.SHOP_CONTACT_PHONE || "054-000-000",
      email: env.SHOP_CONTACT_EMAIL || "hello@maemok.local",
      lineId: env.SHOP_LINE_ID || "@maemokherbs",
    },
  }
  if (!/^@?[a-z0-9._-]{1,40}$/i.test(result.shopContact.lineId)) throw new Error(`SHOP_LINE_ID must be a LINE ID such as @maemokherbs, got "${result.shopContact.lineId}"`)
  if (result.maxUnitsPerLine > result.maxUnitsPerOrder) {
    throw new Error(`MAX_UNITS_PER_LINE (${result.maxUnitsPerLine}) must not be more than MAX_UNITS_PER_ORDER (${result.maxUnitsPerOrder})`)
  }
  if (!["memory", "off"].includes(result.medusaCaching)) throw new Error(`MEDUSA_CACHING must be memory or off, got "${result.medusaCaching}"`)
  assertStripeSettings(result)
  if (isProduction) assertProductionReady(env)
  return result
}

/** What is wrong with one production secret, or null: unset, the published development value, or too short. */
function secretProblem(name: string, value: string | undefined, devValue: string): string | null {
  if (!value) return `${name} is not set`
  if (value === devValue) return `${name} is the published development value`
  if (value.length < 32) return `${name} must be at least 32 characters`
  return null
}

/**
 * Everything a production deployment must set, each problem named: the backend's secrets, the admin password and
 * both public origins; with `storefront`, also the storefront's session secret (the launcher checks the whole
 * deployment before it starts anything; the storefront checks its own again, storefront/app/lib/config.server.ts).
 */
export function productionProblems(env: NodeJS.ProcessEnv, options: { storefront?: boolean } = {}): string[] {
  const problems = [
    secretProblem("JWT_SECRET", env.JWT_SECRET, DEV_JWT_SECRET),
    secretProblem("COOKIE_SECRET", env.COOKIE_SECRET, DEV_COOKIE_SECRET),
    secretProblem("STOREFRONT_API_SECRET", env.STOREFRONT_API_SECRET, DEV_STOREFRONT_API_SECRET),
    options.storefront ? secretProblem("STOREFRONT_SESSION_SECRET", env.STOREFRONT_SESSION_SECRET, DEV_STOREFRONT_SESSION_SECRET) : null,
    // An unset salt is derived from JWT_SECRET (checked above); a set one is a secret like the others.
    env.SCAN_IP_SALT ? secretProblem("SCAN_IP_SALT", env.SCAN_IP_SALT, DEV_SCAN_IP_SALT) : null,
    !env.MEDUSA_ADMIN_PASSWORD || env.MEDUSA_ADMIN_PASSWORD === DEV_ADMIN_PASSWORD ? "MEDUSA_ADMIN_PASSWORD is not set" : null,
    // A production shop on a guessed origin prints QR labels nobody can open.
    env.STOREFRONT_URL ? null : "STOREFRONT_URL is not set (the shop's public https origin; QR labels print it)",
    env.MEDUSA_BACKEND_URL ? null : "MEDUSA_BACKEND_URL is not set (the admin's public https origin; product images come from it)",
  ]
  return problems.filter((p): p is string => p !== null)
}

export function productionRefusal(problems: string[]): Error {
  return new Error(
    `Refusing to start in production (APP_ENV or NODE_ENV is production): ${problems.join("; ")}. ` +
      "Set them in the environment, each secret a random string of at least 32 characters (openssl rand -base64 48); see README.md, Deploy."
  )
}

/** Production must not run on secrets that are published in this repository. */
export function assertProductionReady(env: NodeJS.ProcessEnv): void {
  const problems = productionProblems(env)
  if (problems.length > 0) throw productionRefusal(problems)
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
