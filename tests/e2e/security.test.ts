import http from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cspViolations } from "./browser"
import { addOilToCart } from "./shop-flows"
import { browserSuite, phone } from "./suite"

// The storefront's Content-Security-Policy and CSRF protection as Chromium applies them
// (docs/decisions/0012-storefront-security.md). Every other browser suite also fails on any CSP violation.

const suite = browserSuite()
let attacker: http.Server
let attackerUrl: string

beforeAll(async () => {
  // Another site (localhost is not the same site as 127.0.0.1) with a form that posts into the shop's cart.
  attacker = http.createServer((_req, res) => {
    const variant = new URL(_req.url ?? "/", "http://x").searchParams.get("variant") ?? ""
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
    res.end(
      `<!DOCTYPE html><html><body><h1>รับของรางวัล</h1>` +
        `<form method="post" action="${suite.app.storefrontUrl}/cart">` +
        `<input type="hidden" name="intent" value="add"><input type="hidden" name="variant_id" value="${variant}">` +
        `<input type="hidden" name="quantity" value="9"><input type="hidden" name="csrf" value="guessed">` +
        `<button type="submit">กดรับเลย</button></form></body></html>`
    )
  })
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve))
  attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => attacker?.close(resolve))
})

describe("storefront security in Chromium", () => {
  it("runs the shop's own scripts but blocks a script injected into the page, and reports it", async () => {
    const page = await suite.browser.newPage(phone)
    await page.goto(suite.app.storefrontUrl + "/products/mok-prai-herbal-massage-oil")
    // Choosing a size updates the address bar: only the page's (nonce-carrying) scripts can do that.
    await page.getByRole("radio", { name: /100 มล\./ }).check()
    await page.waitForURL(/\?variant=variant_/)

    const ran = await page.evaluate(() => {
      const script = document.createElement("script")
      script.textContent = "window.injected = true"
      document.body.append(script)
      return (window as unknown as { injected?: boolean }).injected === true
    })
    expect(ran).toBe(false)
    const seen = cspViolations(suite.browser)
    await expect.poll(() => seen.length).toBe(1)
    expect(seen[0]).toMatch(/inline script.*script-src/)
    // Provoked on purpose: not a violation of the shop's own pages.
    seen.splice(0)
    await page.close()
  })

  it("answers another site's post with the 403 page in Thai, and the cart stays as it was", async () => {
    const context = await suite.browser.newContext(phone)
    const page = await context.newPage()
    await addOilToCart(page, suite.app.storefrontUrl, "30 มล.", "1")
    await page.getByText("฿159").first().waitFor()
    const { products } = await (
      await fetch(`${suite.app.medusaUrl}/store/products?handle=mok-prai-herbal-massage-oil&fields=*variants`, {
        headers: { "x-publishable-api-key": suite.app.publishableKey },
      })
    ).json()
    const variant: string = products[0].variants.find((v: { sku: string }) => v.sku === "MM-OIL-30").id

    await page.goto(`${attackerUrl}/?variant=${encodeURIComponent(variant)}`)
    const [response] = await Promise.all([page.waitForResponse(`${suite.app.storefrontUrl}/cart`), page.getByRole("button", { name: "กดรับเลย" }).click()])
    expect(response.status()).toBe(403)
    await page.getByRole("heading", { level: 1, name: "ส่งแบบฟอร์มไม่สำเร็จ" }).waitFor()
    await page.getByRole("alert").getByText(/ระบบไม่ได้เปลี่ยนแปลงอะไร/).waitFor()

    await page.goto(suite.app.storefrontUrl + "/cart")
    await expect(page.getByRole("spinbutton", { name: /จำนวน/ }).inputValue()).resolves.toBe("1")
    await expect(page.getByRole("link", { name: /ตะกร้า \(1\)/ }).count()).resolves.toBe(1)
    await context.close()
  })
})
