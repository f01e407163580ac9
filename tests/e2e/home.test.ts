import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../support/app"
import { launchChromium } from "./browser"

let app: TestApp
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  app = await startTestApp({ storefront: true })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe("storefront home page in Chromium", () => {
  it("shows the seeded products in Thai with VAT-inclusive baht prices on a phone", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "th-TH" })
    const response = await page.goto(app.storefrontUrl + "/")
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
    for (const url of fontRequests) expect(url.startsWith(app.storefrontUrl)).toBe(true)
    await page.close()
  })
})
