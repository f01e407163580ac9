import { createCookieSessionStorage, type Session } from "@remix-run/node"
import { config } from "./config.server"

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

const storage = createCookieSessionStorage<SessionData>({
  cookie: {
    name: "mm_session",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.storefrontUrl.startsWith("https://"),
    secrets: [config.sessionSecret],
    maxAge: 60 * 60 * 24 * 30,
  },
})

export type ShopSession = Session<SessionData>

export function getSession(request: Request): Promise<ShopSession> {
  return storage.getSession(request.headers.get("Cookie"))
}

export function commitSession(session: ShopSession): Promise<string> {
  return storage.commitSession(session)
}
