import crypto from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import onHeaders from "on-headers"
import { config } from "../config.server"
import { INLINE_CSS_SOURCE } from "../render/inline-style.server"

/**
 * The storefront's security headers (docs/decisions/0012-storefront-security.md), decided here only.
 * Three Content-Security-Policies:
 *  - page: Remix documents. Scripts only from this origin or inline with the request's nonce, never
 *    'unsafe-inline'; styles from this origin and the one inline stylesheet, by its hash (decision 0075);
 *    Stripe.js and its frames only when a publishable key is configured.
 *  - provenance: the script-free scan pages (decision 0008): styles, fonts and images, nothing else.
 *  - none: everything else (static files, JSON, XML, text, redirects): nothing may load.
 */

export type SecuritySettings = {
  /** Production or https: HSTS and upgrade-insecure-requests. */
  secure: boolean
  /** Medusa's public origin (MEDUSA_BACKEND_URL): product images and household photos are served from it (media.server.ts). */
  medusaOrigin: string
  /** A Stripe publishable key is configured (the review step loads Stripe.js). */
  stripe: boolean
  /** Vite's dev server (remix vite:dev) talks to the page over a websocket. */
  dev: boolean
  /**
   * The hash source ('sha256-…') of the stylesheet inlined in every document's head (render/inline-style.tsx):
   * the same text for every page and visitor, so a hash rather than the nonce (shared renders need no stand-in).
   */
  inlineStyle: string
}

export type PolicyKind = "page" | "provenance" | "none"

const STRIPE_SCRIPTS = ["https://js.stripe.com", "https://*.js.stripe.com"]
const STRIPE_FRAMES = [...STRIPE_SCRIPTS, "https://hooks.stripe.com"]
const STRIPE_CONNECT = ["https://api.stripe.com"]
const STRIPE_IMAGES = ["https://*.stripe.com"]

function serialize(directives: Record<string, string[] | null>): string {
  return Object.entries(directives)
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ")
}

export function contentSecurityPolicy(settings: SecuritySettings, kind: PolicyKind, nonce?: string): string {
  const upgrade = settings.secure ? [] : null
  const closing = { "base-uri": ["'none'"], "frame-ancestors": ["'none'"], "upgrade-insecure-requests": upgrade }
  if (kind === "none") return serialize({ "default-src": ["'none'"], "form-action": ["'none'"], ...closing })
  if (kind === "provenance") {
    return serialize({
      "default-src": ["'none'"],
      "style-src": ["'self'"],
      "font-src": ["'self'"],
      "img-src": ["'self'", settings.medusaOrigin],
      // The "report a suspicious label" form posts to the page itself (decision 0061).
      "form-action": ["'self'"],
      ...closing,
    })
  }
  if (!nonce) throw new Error("a page's Content-Security-Policy needs the request's nonce")
  const stripe = settings.stripe
  return serialize({
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, ...(stripe ? STRIPE_SCRIPTS : [])],
    "style-src": ["'self'", settings.inlineStyle],
    // data: for the PromptPay QR, rendered on the server as an image.
    "img-src": ["'self'", "data:", settings.medusaOrigin, ...(stripe ? STRIPE_IMAGES : [])],
    "font-src": ["'self'"],
    // Product videos (issue 16) are files of the backend's file store, like product images.
    "media-src": ["'self'", settings.medusaOrigin],
    "connect-src": ["'self'", ...(stripe ? STRIPE_CONNECT : []), ...(settings.dev ? ["ws:"] : [])],
    "frame-src": stripe ? STRIPE_FRAMES : ["'none'"],
    "object-src": ["'none'"],
    "form-action": ["'self'"],
    ...closing,
  })
}

/** The headers every response carries, whatever it is. */
export function baselineHeaders(settings: SecuritySettings): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // frame-ancestors 'none' for browsers that predate it.
    "X-Frame-Options": "DENY",
    // Stripe's frame may offer the Payment Request API (wallets); nothing else of ours needs a device.
    "Permissions-Policy": `camera=(), microphone=(), geolocation=(), usb=(), payment=${settings.stripe ? '(self "https://js.stripe.com")' : "()"}`,
    // No includeSubDomains: other hosts of the group's domain may not all speak https.
    ...(settings.secure ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  }
}

export const settings: SecuritySettings = {
  secure: config.secure,
  medusaOrigin: config.medusaPublicUrl,
  stripe: Boolean(config.stripePublishableKey),
  dev: process.env.NODE_ENV === "development",
  inlineStyle: INLINE_CSS_SOURCE,
}

/** A fresh nonce for one document: 128 random bits. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString("base64")
}

export const pagePolicy = (nonce: string) => contentSecurityPolicy(settings, "page", nonce)
export const provenancePolicy = contentSecurityPolicy(settings, "provenance")

const baseline = Object.entries(baselineHeaders(settings))
const nothingPolicy = contentSecurityPolicy(settings, "none")

/**
 * Express middleware (storefront/server.js runs it before everything, static files included): the baseline headers,
 * and the "none" policy on any response that did not bring its own when its headers go out.
 */
export function securityHeaders(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  for (const [name, value] of baseline) res.setHeader(name, value)
  onHeaders(res, function (this: ServerResponse) {
    if (!this.hasHeader("Content-Security-Policy")) this.setHeader("Content-Security-Policy", nothingPolicy)
  })
  next()
}
