/** Storefront settings from the environment, read once on the server. */
const storefrontUrl = process.env.STOREFRONT_URL || `http://localhost:${process.env.PORT || 8000}`

export const config = {
  medusaUrl: process.env.MEDUSA_BACKEND_URL || `http://localhost:${process.env.MEDUSA_PORT || 9000}`,
  publishableKey: process.env.MEDUSA_PUBLISHABLE_KEY || "",
  storefrontUrl: storefrontUrl.replace(/\/+$/, ""),
  /** Signs the session cookie (cart id, customer token). The dev default must be replaced in production. */
  sessionSecret: process.env.STOREFRONT_SESSION_SECRET || "mae-mok-dev-session-secret-change-me",
  /** Stripe.js is loaded only when this is set (payments issue). */
  stripePublishableKey: process.env.STRIPE_PUBLISHABLE_KEY || "",
  /** How often the backend's content stamp is polled (cache.server.ts, content-version.server.ts). */
  contentPollMs: Number(process.env.STOREFRONT_CONTENT_POLL_MS ?? 500),
  /** Public data without a confirmed content stamp: fresh this long … */
  catalogueFreshMs: Number(process.env.STOREFRONT_CACHE_FRESH_MS ?? 1000),
  /** … and never resting on a stamp or an entry older than this. */
  catalogueMaxAgeMs: Number(process.env.STOREFRONT_CACHE_MAX_AGE_MS ?? 2000),
}

if (process.env.NODE_ENV === "production" && !process.env.STOREFRONT_SESSION_SECRET && process.env.APP_ENV === "production") {
  throw new Error("STOREFRONT_SESSION_SECRET must be set in production (it signs the cart and login cookie)")
}
