import { describe, expect, it } from "vitest"
import { browserSuite, phone } from "./suite"

const suite = browserSuite()

describe("storefront home page and SEO in Chromium", () => {
  it("shows the seeded products in Thai with VAT-inclusive baht prices on a phone", async () => {
    const page = await suite.browser.newPage(phone)
    const response = await page.goto(suite.app.storefrontUrl + "/")
    expect(response?.status()).toBe(200)
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("th")

    await expect(page.getByRole("heading", { name: "น้ำมันนวดสมุนไพรหมอกไพร" }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole("heading", { name: "ลูกประคบเซรามิค" }).isVisible()).resolves.toBe(true)
    const oilCard = page.getByRole("listitem").filter({ hasText: "น้ำมันนวดสมุนไพรหมอกไพร" })
    await expect(oilCard.getByText("฿159").isVisible()).resolves.toBe(true)
    await expect(oilCard.getByText("รวม VAT แล้ว").isVisible()).resolves.toBe(true)

    // Images load (from the backend's static files) and nothing overflows a 360 px screen.
    const images = page.getByRole("img", { name: "น้ำมันนวดสมุนไพรหมอกไพร" })
    await expect.poll(() => images.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)

    // The Thai font is served by the shop itself, not a CDN.
    const fontRequests: string[] = []
    page.on("request", (req) => {
      if (req.resourceType() === "font") fontRequests.push(req.url())
    })
    await page.reload()
    await page.evaluate(() => document.fonts.ready)
    expect(fontRequests.length).toBeGreaterThan(0)
    for (const url of fontRequests) expect(url.startsWith(suite.app.storefrontUrl)).toBe(true)
    await page.close()
  })

  it("keeps the page still when the font arrives late (home, herb and provenance pages)", async () => {
    // This suite's phone, and Lighthouse's (412 px: there the header's links fit one line in the fallback font and
    // wrapped to two in Sarabun, moving the whole page when the font swapped in).
    for (const width of [360, 412]) await stillWhileFontsLoad({ ...phone, viewport: { width, height: 823 } })
  })

  async function stillWhileFontsLoad(device: typeof phone) {
    const context = await suite.browser.newContext(device)
    // A slow phone network: every font file arrives 1.5 s after the page asked for it.
    await context.route("**/*.woff2", async (route) => {
      await new Promise((r) => setTimeout(r, 1500))
      await route.continue()
    })
    await context.addInitScript(() => {
      const w = window as unknown as { __cls: number }
      w.__cls = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value
      }).observe({ type: "layout-shift", buffered: true })
    })
    const page = await context.newPage()
    await page.goto(`${suite.app.storefrontUrl}/products/mok-prai-herbal-massage-oil`)
    const lot = await page.locator('a[href^="/01/"]').first().getAttribute("href")
    expect(lot).toMatch(/^\/01\/\d{14}\/10\//)
    for (const path of ["/", "/herbs/thao-en-on", lot!]) {
      await page.goto(suite.app.storefrontUrl + path)
      await page.waitForTimeout(2500)
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls)
      expect(cls, `layout shift on ${path} at ${device.viewport.width} px`).toBeLessThan(0.05)
    }
    await context.close()
  }

  it("puts the product's title, price and buy button on a phone's first screen", async () => {
    const page = await suite.browser.newPage(phone)
    for (const handle of ["mok-prai-herbal-massage-oil", "ceramic-herbal-compress-ball"]) {
      await page.goto(`${suite.app.storefrontUrl}/products/${handle}`)
      const bottom = async (locator: ReturnType<typeof page.locator>) => {
        const box = (await locator.boundingBox())!
        return box.y + box.height
      }
      for (const part of [page.locator("h1"), page.locator(".variant-option .price").first(), page.getByRole("button", { name: "ใส่ตะกร้า" })]) {
        expect(await bottom(part), `${handle}: ${await part.textContent()}`).toBeLessThanOrEqual(phone.viewport.height)
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    }
    await page.close()
  })

  it("gives search engines titles, Open Graph, Product JSON-LD, a sitemap and robots.txt", async () => {
    const page = await suite.browser.newPage(phone)
    await page.goto(suite.app.storefrontUrl + "/products/mok-prai-herbal-massage-oil")
    await expect(page.title()).resolves.toBe("น้ำมันนวดสมุนไพรหมอกไพร | สมุนไพรแม่มอก")
    await expect(page.locator('meta[property="og:title"]').getAttribute("content")).resolves.toContain("น้ำมันนวดสมุนไพรหมอกไพร")
    await expect(page.locator('meta[property="og:image"]').getAttribute("content")).resolves.toMatch(/^https?:\/\//)
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}")
    expect(jsonLd).toMatchObject({ "@type": "Product", name: "น้ำมันนวดสมุนไพรหมอกไพร" })
    expect(jsonLd.offers.map((o: { name: string; price: number; priceCurrency: string }) => [o.name, o.price, o.priceCurrency])).toEqual([
      ["30 มล.", 159, "THB"],
      ["100 มล.", 390, "THB"],
    ])
    await page.close()

    const sitemap = await (await fetch(suite.app.storefrontUrl + "/sitemap.xml")).text()
    expect(sitemap).toContain(`<loc>${suite.app.storefrontUrl}/en/products/ceramic-herbal-compress-ball</loc>`)
    expect(sitemap).toContain(`hreflang="en" href="${suite.app.storefrontUrl}/en/products/mok-prai-herbal-massage-oil"`)
    const robots = await (await fetch(suite.app.storefrontUrl + "/robots.txt")).text()
    expect(robots).toContain("Disallow: /checkout")
    expect(robots).toContain(`Sitemap: ${suite.app.storefrontUrl}/sitemap.xml`)
  })
})
