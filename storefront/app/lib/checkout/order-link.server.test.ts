import { describe, expect, it } from "vitest"
import { signedOrderPath, signedOrderUrl, verifyOrderLink } from "./order-link.server"

const ORDER = "order_01JABCDEFGHJKMNPQRSTVWXYZ0"
const OTHER = "order_01JABCDEFGHJKMNPQRSTVWXYZ1"
const query = (path: string) => new URLSearchParams(path.split("?")[1])

describe("signed order links (decision 0025)", () => {
  it("opens the order it was made for, in either language, until it expires", () => {
    const now = Date.UTC(2026, 0, 1)
    const path = signedOrderPath(ORDER, "th", { now })
    expect(path).toMatch(/^\/order\/order_01JABCDEFGHJKMNPQRSTVWXYZ0\/confirmed\?until=\d+&sig=[A-Za-z0-9_-]{43}$/)
    expect(signedOrderPath(ORDER, "en", { now })).toMatch(/^\/en\/order\//)
    expect(signedOrderUrl(ORDER, "en", { now })).toMatch(/^http:\/\/localhost:\d+\/en\/order\//)
    expect(verifyOrderLink(ORDER, query(path), now)).toBe(true)
    expect(verifyOrderLink(ORDER, query(path), now + 179 * 86_400_000)).toBe(true)
    expect(verifyOrderLink(ORDER, query(path), now + 181 * 86_400_000)).toBe(false)
  })

  it("opens nothing else: another order, a changed expiry or signature, a missing or malformed one", () => {
    const now = Date.now()
    const q = query(signedOrderPath(ORDER, "th", { now }))
    expect(verifyOrderLink(OTHER, q, now)).toBe(false)
    const later = new URLSearchParams(q)
    later.set("until", String(Number(q.get("until")) + 1))
    expect(verifyOrderLink(ORDER, later, now)).toBe(false)
    const sig = q.get("sig")!
    const flipped = new URLSearchParams(q)
    flipped.set("sig", (sig[0] === "A" ? "B" : "A") + sig.slice(1))
    expect(verifyOrderLink(ORDER, flipped, now)).toBe(false)
    for (const bad of ["", "until=abc&sig=x", `until=${q.get("until")}`, `sig=${sig}`, `until=${q.get("until")}&sig=${sig}x`]) {
      expect(verifyOrderLink(ORDER, new URLSearchParams(bad), now), bad).toBe(false)
    }
  })
})
