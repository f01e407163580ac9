import { describe, expect, it } from "vitest"
import { crossSiteReason } from "./csrf.server"
import { baselineHeaders, contentSecurityPolicy, type SecuritySettings } from "./security.server"

const inlineStyle = "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='"
const dev: SecuritySettings = { secure: false, medusaOrigin: "http://localhost:9000", stripe: false, dev: false, inlineStyle }
const live: SecuritySettings = { secure: true, medusaOrigin: "https://api.maemok.example", stripe: true, dev: false, inlineStyle }
const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `) || d === name)

describe("storefront Content-Security-Policy", () => {
  it("allows Stripe.js, its frames and its API only when a publishable key is configured", () => {
    const without = contentSecurityPolicy(dev, "page", "abc")
    expect(without).not.toContain("stripe")
    expect(directive(without, "frame-src")).toBe("frame-src 'none'")
    const withStripe = contentSecurityPolicy(live, "page", "abc")
    expect(directive(withStripe, "script-src")).toBe("script-src 'self' 'nonce-abc' https://js.stripe.com https://*.js.stripe.com")
    expect(directive(withStripe, "frame-src")).toBe("frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com")
    expect(directive(withStripe, "connect-src")).toBe("connect-src 'self' https://api.stripe.com")
    expect(directive(withStripe, "img-src")).toBe("img-src 'self' data: https://api.maemok.example https://*.stripe.com")
    expect(withStripe).not.toContain("unsafe")
    // Styles: this origin's files and the one inline stylesheet by its hash, never any other inline style.
    expect(directive(withStripe, "style-src")).toBe(`style-src 'self' ${inlineStyle}`)
    expect(directive(contentSecurityPolicy(live, "provenance"), "style-src")).toBe("style-src 'self'")
    // The script-free provenance page never gets Stripe or scripts.
    expect(contentSecurityPolicy(live, "provenance")).not.toMatch(/stripe|script-src/)
  })

  it("upgrades requests and sends HSTS only when secure; a page policy without a nonce is a bug", () => {
    expect(directive(contentSecurityPolicy(live, "none"), "upgrade-insecure-requests")).toBeDefined()
    expect(directive(contentSecurityPolicy(dev, "none"), "upgrade-insecure-requests")).toBeUndefined()
    expect(baselineHeaders(live)["Strict-Transport-Security"]).toBe("max-age=31536000")
    expect(baselineHeaders(dev)["Strict-Transport-Security"]).toBeUndefined()
    expect(baselineHeaders(live)["Permissions-Policy"]).toContain('payment=(self "https://js.stripe.com")')
    expect(() => contentSecurityPolicy(dev, "page")).toThrow(/nonce/)
  })
})

describe("where a post comes from", () => {
  it("accepts the shop's own origin, the addressed host, and browsers that send neither header", () => {
    expect(crossSiteReason({ origin: "http://localhost:8000", secFetchSite: "same-origin" }, "localhost:8000")).toBeNull()
    expect(crossSiteReason({ origin: "https://shop.example", secFetchSite: "same-origin" }, "shop.example")).toBeNull()
    expect(crossSiteReason({ secFetchSite: "none" }, "shop.example")).toBeNull()
    expect(crossSiteReason({}, "shop.example")).toBeNull()
  })

  it("refuses other sites, sibling subdomains and opaque origins", () => {
    expect(crossSiteReason({ origin: "https://evil.example", secFetchSite: "cross-site" }, "shop.example")).toMatch(/Sec-Fetch-Site is cross-site/)
    expect(crossSiteReason({ secFetchSite: "same-site" }, "shop.example")).toMatch(/same-site/)
    expect(crossSiteReason({ origin: "https://evil.example" }, "shop.example")).toBe("Origin is https://evil.example")
    expect(crossSiteReason({ origin: "null" }, "shop.example")).toBe("Origin is null")
    expect(crossSiteReason({ origin: "https://shop.example.evil.example" }, "shop.example")).toMatch(/Origin/)
  })
})
