import { createCookieSessionStorage, type Session } from "@remix-run/node"
import { config } from "../config.server"

export type SessionData = {
  /** Medusa cart id of this browser. */
  cartId: string
  /** Items in the cart, for the header badge (saves a Medusa call per page). */
  cartCount: number
  /** Medusa customer JWT; sent per request as the Authorization header, never shared between requests. */
  token: string
  customerName: string
  /** Order the confirmation page may show to this browser. */
  lastOrderId: string
}

/**
 * Name and attributes of every cookie the shop sets: HttpOnly, SameSite=Lax, signed with the session secret.
 * Secure in production or over https, and then named __Host-…: the browser accepts such a cookie only when it is
 * Secure, for this host alone and Path=/, so a sibling subdomain or a plain-http answer cannot plant or replace it.
 */
export function shopCookie(name: string) {
  return {
    name: config.secure ? `__Host-${name}` : name,
    options: {
      httpOnly: true,
      sameSite: "lax" as const,
      path: "/",
      secure: config.secure,
      secrets: [config.sessionSecret],
      maxAge: 60 * 60 * 24 * 30,
    },
  }
}

const session = shopCookie("mm_session")
export const SESSION_COOKIE_NAME = session.name
const storage = createCookieSessionStorage<SessionData>({ cookie: { name: session.name, ...session.options } })

export type ShopSession = Session<SessionData>

export function getSession(request: Request): Promise<ShopSession> {
  return storage.getSession(request.headers.get("Cookie"))
}

export function commitSession(session: ShopSession): Promise<string> {
  return storage.commitSession(session)
}
