import path from "node:path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { readEnv } from "./src/lib/env"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = readEnv()
const corsOrigins = [env.storefrontUrl, env.backendUrl].join(",")

// With REDIS_URL the app can run as separate server and worker processes; without it the
// in-memory/local modules serve one machine (see docs/decisions/0002-scale-out-with-redis.md).
const redisModules = env.redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl: env.redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl: env.redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl: env.redisUrl } },
          ],
        },
      },
      // Medusa's caching module (behind its feature flag below) shares one Redis cache between servers.
      {
        resolve: "@medusajs/medusa/caching",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl: env.redisUrl } },
          ],
        },
      },
    ]
  : []

// Payment providers by configuration; pp_system_default (bank transfer / pay on delivery) is always there.
// Stripe registers "stripe" (cards) and "stripe-promptpay"; webhooks: POST /hooks/payment/stripe_stripe.
const paymentProviders = [
  ...(env.stripeApiKey
    ? [
        {
          resolve: "@medusajs/medusa/payment-stripe",
          id: "stripe",
          // Cards are captured at once: the group ships paid orders and has no one to capture by hand.
          options: { apiKey: env.stripeApiKey, webhookSecret: env.stripeWebhookSecret, capture: true },
        },
      ]
    : []),
  ...(env.promptpayId
    ? [{ resolve: "./src/modules/promptpay", id: "promptpay", options: { promptpayId: env.promptpayId } }]
    : []),
]
const paymentModules =
  paymentProviders.length > 0 ? [{ resolve: "@medusajs/medusa/payment", options: { providers: paymentProviders } }] : []

// Admin build only. Extensions must share the dashboard's react-router-dom (v7; the storefront's
// Remix hoists v6 to the root), and they bundle the pure traceability core from its ES sources.
function adminAliases(): Record<string, string> {
  const dashboard = path.dirname(require.resolve("@medusajs/dashboard/package.json"))
  return {
    "react-router-dom": path.dirname(require.resolve("react-router-dom/package.json", { paths: [dashboard] })),
    "@mae-mok/traceability": path.resolve(__dirname, "../traceability/src/index.ts"),
  }
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.databaseUrl,
    redisUrl: env.redisUrl,
    workerMode: env.workerMode,
    http: {
      storeCors: process.env.STORE_CORS || corsOrigins,
      adminCors: process.env.ADMIN_CORS || corsOrigins,
      authCors: process.env.AUTH_CORS || corsOrigins,
      jwtSecret: env.jwtSecret,
      cookieSecret: env.cookieSecret,
    },
    // Medusa marks its session cookie Secure whenever NODE_ENV=production, which `medusa start` sets;
    // in development the admin must also work over plain http on a LAN address.
    cookieOptions: env.isProduction ? undefined : { secure: false, sameSite: "lax" },
  },
  admin: {
    // The admin is served by this server at /app, so it calls its own origin ("/"): it then works on
    // any host or port (LAN address, tests) without a rebuild (docs/decisions/0005-admin-extensions.md).
    backendUrl: "/",
    disable: process.env.DISABLE_MEDUSA_ADMIN === "true",
    vite: () => ({ resolve: { alias: adminAliases() } }),
  },
  // Medusa's caching module: Redis-backed with REDIS_URL, its in-memory provider with MEDUSA_CACHING=memory
  // (measured, docs/decisions/0011-page-caching-and-scan-batching.md).
  featureFlags: env.redisUrl || env.medusaCaching === "memory" ? { caching: true } : {},
  modules: [
    // E-mail goes out through our "mail" provider: SMTP with SMTP_URL / SMTP_HOST, otherwise .eml files in the
    // outbox folder that the admin lists (docs/decisions/0040-e-mail.md). "feed" keeps the admin's notification feed.
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          { resolve: "./src/modules/mail", id: "mail", options: { channels: ["email"] } },
          { resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Local", channels: ["feed"] } },
        ],
      },
    },
    // Uploads (product images from the admin) are served by this server under /static; their URLs name its public
    // origin, not the provider's default http://localhost:9000 (docs/decisions/0015-default-start-origins-and-secrets.md).
    {
      resolve: "@medusajs/medusa/file",
      options: {
        providers: [{ resolve: "@medusajs/medusa/file-local", id: "local", options: { backend_url: `${env.backendUrl}/static` } }],
      },
    },
    // Customers and admin users log in through our "emailpass" provider: Medusa's, plus the password policy and
    // the same cost for unknown e-mails as for known ones (docs/decisions/0024-throttling.md).
    { resolve: "@medusajs/medusa/auth", options: { providers: [{ resolve: "./src/modules/emailpass", id: "emailpass" }] } },
    // The traceability module is compiled with the @mae-mok/traceability package (docs/decisions).
    { resolve: "@mae-mok/traceability/module" },
    ...redisModules,
    ...(!env.redisUrl && env.medusaCaching === "memory"
      ? [{ resolve: "@medusajs/medusa/caching", options: { in_memory: { enable: true } } }]
      : []),
    ...paymentModules,
  ],
})
