import crypto from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { createCookie, data } from "@remix-run/node"
import { CSRF_FIELD } from "./csrf"
import { config } from "../config.server"
import { shopCookie } from "../account/session.server"

/**
 * CSRF protection of every storefront form (docs/decisions/0012-storefront-security.md):
 *  - a synchronizer token in its own signed HttpOnly cookie, rendered into each form by <ShopForm>; its own
 *    cookie, not the session, because loaders commit the session in parallel and one's Set-Cookie would drop
 *    a token another added;
 *  - a same-origin check of Sec-Fetch-Site and Origin (sameOriginPosts, before Remix);
 *  - verifiedForm(), which every action calls before it changes anything, refuses either with a 403 page.
 */

const { name, options } = shopCookie("mm_csrf")
const cookie = createCookie(name, options)
export const CSRF_COOKIE_NAME = name
const TOKEN = /^[A-Za-z0-9_-]{43}$/
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** What server.js puts in Remix's load context for this module: why sameOriginPosts judged a post cross-site. */
type LoadContext = { crossSite?: unknown }

async function cookieToken(request: Request): Promise<string | null> {
  const value: unknown = await cookie.parse(request.headers.get("Cookie"))
  return typeof value === "string" && TOKEN.test(value) ? value : null
}

/** This browser's token, for the root loader; setCookie is set when the browser had none (first visit). */
export async function csrfToken(request: Request, context: LoadContext): Promise<{ token: string; setCookie: string | null }> {
  const existing = await cookieToken(request)
  if (existing) return { token: existing, setCookie: null }
  // The refusal page of a post from another site (sent without our SameSite cookies) must not replace the
  // token this browser's open pages carry.
  if (typeof context.crossSite === "string") return { token: "", setCookie: null }
  const token = crypto.randomBytes(32).toString("base64url")
  return { token, setCookie: await cookie.serialize(token) }
}

/** Why a request is not from a page of this shop, or null. `host` is the host it was addressed to. */
export function crossSiteReason(headers: { origin?: string; secFetchSite?: string }, host: string | undefined): string | null {
  // Sent by every current browser; "none" is the person's own doing (e.g. resubmitting after a reload).
  const site = headers.secFetchSite
  if (site !== undefined && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`
  const origin = headers.origin
  if (origin === undefined) return null
  let originHost: string | null = null
  try {
    originHost = new URL(origin).host
  } catch {
    // "null" (a sandboxed or privacy-sensitive context) or garbage: not one of our pages.
  }
  // The shop's public origin, or the host the request was addressed to (what Remix itself compares).
  const ok = origin === new URL(config.storefrontUrl).origin || (originHost !== null && originHost === host)
  return ok ? null : `Origin is ${origin}`
}

/**
 * Express middleware before Remix: judges where a post comes from and hands the verdict to verifiedForm through
 * the load context (res.locals.crossSite). Remix 2 would answer a foreign Origin itself, with a bare 500; so
 * once judged, the Origin header is removed and the shopper gets our 403 page instead.
 */
export function sameOriginPosts(req: IncomingMessage, res: ServerResponse & { locals: Record<string, unknown> }, next: () => void) {
  if (UNSAFE_METHODS.has(req.method ?? "")) {
    const forwardedHost = (req.headers["x-forwarded-host"] as string | undefined)?.split(",")[0]?.trim()
    const reason = crossSiteReason(
      { origin: req.headers.origin, secFetchSite: req.headers["sec-fetch-site"] as string | undefined },
      forwardedHost || req.headers.host
    )
    if (reason) {
      res.locals.crossSite = reason
      delete req.headers.origin
    }
  }
  next()
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/**
 * The posted form, once it is known to come from one of our pages in this browser. Otherwise a 403 is thrown
 * (the root ErrorBoundary explains it in the page's language) before the action has done anything.
 */
export async function verifiedForm(request: Request, context: LoadContext): Promise<FormData> {
  const refuse: (reason: string) => never = (reason) => {
    console.warn(`csrf: refused ${request.method} ${new URL(request.url).pathname}: ${reason}`)
    throw data({ code: "CSRF" }, { status: 403, headers: { "Cache-Control": "no-store" } })
  }
  if (typeof context.crossSite === "string") refuse(context.crossSite)
  const form = await request.formData().catch(() => refuse("the body is not a form"))
  const posted = form.get(CSRF_FIELD)
  const expected = await cookieToken(request)
  if (!expected) refuse("the browser has no CSRF cookie")
  if (typeof posted !== "string" || !sameToken(posted, expected)) refuse("the form's token does not match")
  return form
}
