/** Storefront settings from the environment, read once on the server. */

/** An origin ("https://shop.example"), or a clear refusal naming the setting. */
function origin(name: string, value: string | undefined, fallback: string): string {
  const raw = value || fallback
  try {
    return new URL(raw).origin
  } catch {
    throw new Error(`${name} must be an absolute URL such as https://shop.example.com, got "${raw}"`)
  }
}

// The two public origins, read as the backend reads them (backend/src/lib/env.ts publicOrigins); `npm start` passes
// both explicitly to every process, so the defaults only matter when the storefront runs on its own.
const storefrontUrl = origin("STOREFRONT_URL", process.env.STOREFRONT_URL, `http://localhost:${process.env.PORT || 8000}`)
const medusaPublicUrl = origin("MEDUSA_BACKEND_URL", process.env.MEDUSA_BACKEND_URL, `http://localhost:${process.env.MEDUSA_PORT || 9000}`)

/** The published development secrets: refused in production. */
export const DEV_SESSION_SECRET = "mae-mok-dev-session-secret-change-me"
// Both equal the backend's DEV_STOREFRONT_SESSION_SECRET / DEV_STOREFRONT_API_SECRET (backend/src/lib/env.ts): the launcher
// checks a whole deployment before it starts anything.
export const DEV_API_SECRET = "dev-only-storefront-api-secret"

/**
 * The group's contact for the footer and the provenance page: the same settings, with the same defaults, as
 * the backend's e-catalogue (backend/src/lib/env.ts shopContact), so one change of SHOP_CONTACT_* moves both.
 */
function shopContact() {
  const lineId = (process.env.SHOP_LINE_ID || "@maemokherbs").trim()
  if (!/^@?[a-z0-9._-]{1,40}$/i.test(lineId)) throw new Error(`SHOP_LINE_ID must be a LINE ID such as @maemokherbs, got "${lineId}"`)
  const phone = (process.env.SHOP_CONTACT_PHONE || "054-000-000").trim()
  return {
    phone,
    /** tel: link of the phone number (digits and a leading +). */
    phoneHref: `tel:${phone.replace(/[^\d+]/g, "")}`,
    email: (process.env.SHOP_CONTACT_EMAIL || "hello@maemok.local").trim(),
    lineId,
    lineHref: `https://line.me/R/ti/p/${encodeURIComponent(lineId)}`,
  }
}

/**
 * Where a buyer checks a certificate with its issuer, per scheme: a URL in which "{number}" (if present) is
 * replaced by the certificate number (docs/decisions/0062-certificate-check-links.md). The page only links;
 * the shop never calls the issuer.
 */
function certificateCheck() {
  const url = (name: string, fallback: string) => {
    const value = (process.env[name] || fallback).trim()
    if (value === "") return null
    if (!/^https:\/\/[^\s]+$/.test(value)) throw new Error(`${name} must be an https URL (with {number} where the certificate number goes), got "${value}"`)
    return value
  }
  return {
    "TH-GAP": url("CERT_CHECK_URL_TH_GAP", "https://www.doa.go.th/"),
    PGS: url("CERT_CHECK_URL_PGS", ""),
    ORGANIC: url("CERT_CHECK_URL_ORGANIC", ""),
  }
}

// The backend's rule (backend/src/lib/env.ts): APP_ENV decides, NODE_ENV only when APP_ENV is unset, because
// the launcher runs the built apps with NODE_ENV=production on laptops too.
const production = (process.env.APP_ENV || process.env.NODE_ENV) === "production"

export const config = {
  /** Where this server calls Medusa: MEDUSA_INTERNAL_URL (e.g. http://127.0.0.1:9000 on the same machine), else its public origin. */
  medusaUrl: (process.env.MEDUSA_INTERNAL_URL || medusaPublicUrl).replace(/\/+$/, ""),
  /** Medusa's public origin, as browsers reach it: product images and household photos (media.server.ts), and the CSP that allows them. */
  medusaPublicUrl,
  publishableKey: process.env.MEDUSA_PUBLISHABLE_KEY || "",
  storefrontUrl,
  production,
  /** Secure cookies, HSTS and upgrade-insecure-requests: in production, or whenever the shop is served over https. */
  secure: production || storefrontUrl.startsWith("https://"),
  /** Signs the session cookie (cart id, customer token) and the CSRF cookie. */
  sessionSecret: process.env.STOREFRONT_SESSION_SECRET || DEV_SESSION_SECRET,
  /** Shared with the backend: vouches for the buyer IP the storefront forwards with each scan (decision 0010). */
  apiSecret: process.env.STOREFRONT_API_SECRET || DEV_API_SECRET,
  /** Stripe.js is loaded only when this is set (payments issue). */
  stripePublishableKey: process.env.STRIPE_PUBLISHABLE_KEY || "",
  /** How often the backend's content stamp is polled (cache.server.ts, content-version.server.ts). */
  contentPollMs: Number(process.env.STOREFRONT_CONTENT_POLL_MS ?? 500),
  /** Public data without a confirmed content stamp: fresh this long … */
  catalogueFreshMs: Number(process.env.STOREFRONT_CACHE_FRESH_MS ?? 1000),
  /** … and never resting on a stamp or an entry older than this. */
  catalogueMaxAgeMs: Number(process.env.STOREFRONT_CACHE_MAX_AGE_MS ?? 2000),
  /** How long a cart as this storefront last read or wrote it is shown without asking Medusa (decision 0070); 0 turns it off. */
  cartCacheMs: Number(process.env.STOREFRONT_CART_CACHE_MS ?? 30_000),
  shopContact: shopContact(),
  certificateCheck: certificateCheck(),
}

/** What is wrong with a production secret, or null. */
function secretProblem(name: string, value: string | undefined, devValue: string): string | null {
  if (!value) return `${name} is not set`
  if (value === devValue) return `${name} is the published development value`
  if (value.length < 32) return `${name} is shorter than 32 characters`
  return null
}

if (production) {
  const problems = [
    secretProblem("STOREFRONT_SESSION_SECRET", process.env.STOREFRONT_SESSION_SECRET, DEV_SESSION_SECRET),
    secretProblem("STOREFRONT_API_SECRET", process.env.STOREFRONT_API_SECRET, DEV_API_SECRET),
    // A shop on a guessed origin links and redirects to localhost, and its images point there.
    process.env.STOREFRONT_URL ? null : "STOREFRONT_URL is not set (the shop's public https origin)",
    process.env.MEDUSA_BACKEND_URL ? null : "MEDUSA_BACKEND_URL is not set (the backend's public https origin: product images come from it)",
  ].filter((p): p is string => p !== null)
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start the storefront in production (APP_ENV, or NODE_ENV without APP_ENV, is production): ${problems.join("; ")}. ` +
        "Set each to a random string of at least 32 characters (e.g. `openssl rand -base64 48`): " +
        "STOREFRONT_SESSION_SECRET signs the cart, login and CSRF cookies; STOREFRONT_API_SECRET, the same value as the " +
        "backend's, lets the backend trust the buyer IPs the storefront forwards. See README.md, Deploy."
    )
  }
}
