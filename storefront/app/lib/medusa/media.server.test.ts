import { afterEach, describe, expect, it, vi } from "vitest"

afterEach(() => {
  vi.unstubAllEnvs()
  vi.resetModules()
})

describe("image addresses", () => {
  it("put Medusa's public origin in front of paths stored relative to it, whatever address the server calls Medusa on", async () => {
    vi.stubEnv("APP_ENV", "development")
    vi.stubEnv("MEDUSA_BACKEND_URL", "https://admin.shop.example.org/")
    vi.stubEnv("MEDUSA_INTERNAL_URL", "http://127.0.0.1:9000")
    const { mediaUrl } = await import("./media.server")
    const { settings } = await import("../security/security.server")
    expect(mediaUrl("/static/products/mok-prai-oil.svg")).toBe("https://admin.shop.example.org/static/products/mok-prai-oil.svg")
    // The same origin is the one the pages' CSP allows images from.
    expect(settings.medusaOrigin).toBe("https://admin.shop.example.org")
    expect(mediaUrl("https://images.example.org/a.jpg")).toBe("https://images.example.org/a.jpg")
    expect(mediaUrl(null)).toBeNull()
    expect(mediaUrl("")).toBeNull()
  })
})
