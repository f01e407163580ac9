import { describe, expect, it } from "vitest"
import { commitSession, getSession } from "../account/session.server"
import { SHARED_CART_BADGE, SHARED_CSRF, SHARED_NONCE, SHARED_ACCOUNT_HREF, sharedPageVisitor, verifiedCookieCount } from "./shared-page.server"

/** The Cookie header a browser sends back from a Set-Cookie header. */
const sentBack = (setCookie: string) => setCookie.split(";")[0]!

async function sessionCookie(data: { cartCount?: number; token?: string }): Promise<string> {
  const session = await getSession(new Request("http://x/"))
  for (const [key, value] of Object.entries(data)) session.set(key as "cartCount", value as number)
  return sentBack(await commitSession(session))
}

async function filled(cookie: string | undefined, url = "/") {
  const { replacements, setCookie } = await sharedPageVisitor(cookie, url).fill()
  return { values: new Map(replacements), setCookie }
}

describe("filling a shared page in for a visitor", () => {
  it("gives a first visit a new token and its cookie every time, and remembers nothing of it", async () => {
    const before = verifiedCookieCount()
    const a = await filled(undefined)
    const b = await filled("_ga=GA1.2.3")
    expect(a.setCookie).toBeTruthy()
    expect(b.setCookie).toBeTruthy()
    expect(a.values.get(SHARED_CSRF)).not.toBe(b.values.get(SHARED_CSRF))
    expect(verifiedCookieCount()).toBe(before)
  })

  it("reads the same answer from remembered cookies, with a new nonce each time, and a changed cookie anew", async () => {
    const csrf = sentBack((await filled(undefined)).setCookie!)
    const twoItems = `${csrf}; ${await sessionCookie({ cartCount: 2, token: "jwt-a" })}`
    const first = await filled(twoItems, "/en/products/x")
    const again = await filled(twoItems, "/en/products/x")
    expect(first.setCookie).toBeNull()
    expect(first.values.get(SHARED_CART_BADGE)).toBe(" (2)")
    expect(first.values.get(SHARED_ACCOUNT_HREF)).toBe("/en/account")
    expect(again.values.get(SHARED_CART_BADGE)).toBe(" (2)")
    expect(again.values.get(SHARED_CSRF)).toBe(first.values.get(SHARED_CSRF))
    expect(again.values.get(SHARED_NONCE)).not.toBe(first.values.get(SHARED_NONCE))
    // Same cookies, another language: the header follows the page, not what was remembered.
    expect((await filled(twoItems, "/products/x")).values.get(SHARED_ACCOUNT_HREF)).toBe("/account")

    // An item added, then a logout: each is a new cookie value, read anew.
    const threeItems = `${csrf}; ${await sessionCookie({ cartCount: 3, token: "jwt-a" })}`
    expect((await filled(threeItems)).values.get(SHARED_CART_BADGE)).toBe(" (3)")
    const loggedOut = `${csrf}; ${await sessionCookie({ cartCount: 3 })}`
    expect((await filled(loggedOut)).values.get(SHARED_ACCOUNT_HREF)).toBe("/account/login")
    // The first shopper's cookies still say what they said; nobody else's answer leaks into them.
    expect((await filled(twoItems)).values.get(SHARED_CART_BADGE)).toBe(" (2)")
  })

  it("never trusts a forged cookie, however often it comes", async () => {
    const csrf = sentBack((await filled(undefined)).setCookie!)
    const real = await sessionCookie({ cartCount: 5, token: "jwt-b" })
    // The same data, signature cut: the session reads empty.
    const forged = `${csrf}; ${real.slice(0, real.lastIndexOf(".") + 1)}AAAA`
    for (let i = 0; i < 2; i++) {
      const f = await filled(forged)
      expect(f.values.get(SHARED_CART_BADGE)).toBe("")
      expect(f.values.get(SHARED_ACCOUNT_HREF)).toBe("/account/login")
    }
    // A forged CSRF cookie gets a new token and cookie each time, and is not remembered.
    const before = verifiedCookieCount()
    const badToken = `${csrf.slice(0, csrf.indexOf("=") + 1)}forged; ${real}`
    const x = await filled(badToken)
    const y = await filled(badToken)
    expect(x.setCookie).toBeTruthy()
    expect(y.values.get(SHARED_CSRF)).not.toBe(x.values.get(SHARED_CSRF))
    expect(verifiedCookieCount()).toBe(before)
  })

  it("remembers at most 2000 cookie sets", async () => {
    const csrf = sentBack((await filled(undefined)).setCookie!)
    for (let i = 0; i < 2100; i++) await filled(`${csrf}; ${await sessionCookie({ cartCount: i })}`)
    expect(verifiedCookieCount()).toBe(2000)
  })
})
