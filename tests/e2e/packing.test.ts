import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { buildTrackingNumber } from "@mae-mok/traceability"
import { adminApi, adminToken, type AdminApi } from "../support/admin-api"
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from "../support/app"
import { writeY4m } from "../support/fake-camera"
import { fulfilmentFixtures, type LabelledBatch } from "../support/fulfilment"
import { launchChromium, thaiAdminContext } from "./browser"

// Issue 12: the packing view on a phone, in Thai. The camera is Chromium's fake camera playing a video made here
// from the real label QR codes of the units (the admin's own qr.png); the keyboard-scanner path types a unit's
// Digital Link and Enter, as a USB/Bluetooth scanner does. Then the Thailand Post number reaches the buyer's
// order page in the shop.

const SESSION_SECRET = "a-test-only-session-secret-for-packing-links"
process.env.STOREFRONT_SESSION_SECRET = SESSION_SECRET

let app: TestApp
let api: AdminApi
let browser: Browser
let context: BrowserContext
let page: Page
let fixtures: Awaited<ReturnType<typeof fulfilmentFixtures>>
let camBatch: LabelledBatch
const work = fs.mkdtempSync(path.join(os.tmpdir(), "maemok-packing-"))
const shots = process.env.SCREENSHOT_DIR ?? work

beforeAll(async () => {
  app = await startTestApp({ storefront: true, env: { STOREFRONT_SESSION_SECRET: SESSION_SECRET } })
  api = adminApi(app.medusaUrl, await adminToken(app.medusaUrl))
  fixtures = await fulfilmentFixtures(app, api, 130)
  camBatch = await fixtures.batch("MM-OIL-30", "2026-11-01", 4)
  // The video: the first two units' label QR codes, as the admin prints them.
  const pngs = await Promise.all(
    camBatch.units.slice(0, 2).map(async (u) => Buffer.from(await (await api.raw(`/admin/label-units/${u.serial}/qr.png?size=300`)).arrayBuffer()))
  )
  const video = path.join(work, "labels.y4m")
  writeY4m(video, pngs, { framesPerImage: 20, blankFrames: 10 })
  browser = await launchChromium(["--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`, "--use-fake-ui-for-media-stream"])
  context = await thaiAdminContext(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  await context.grantPermissions(["camera"], { origin: app.medusaUrl })
  page = await context.newPage()
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await app?.stop()
  fs.rmSync(work, { recursive: true, force: true })
})

function eventually<T>(fn: () => T | Promise<T>, timeout = 30_000) {
  return expect.poll(fn, { timeout, interval: 250 })
}

async function packing(orderId: string) {
  return (await api.ok("GET", `/admin/orders/${orderId}/packing`)).packing
}

describe("the packing view on a phone", () => {
  it("opens from the order's page", async () => {
    const orderId = await fixtures.placeOrder("MM-OIL-30", 2, "camera@example.com")
    await page.goto(`${app.medusaUrl}/app/login`)
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))
    await page.goto(`${app.medusaUrl}/app/orders/${orderId}`)
    await page.getByTestId("open-packing").click()
    await page.waitForURL(new RegExp(`/app/packing/${orderId}$`))
    await eventually(() => page.getByTestId("packing-lines").textContent()).toContain("0/2 ชิ้น")
  })

  it("packs two units read from the camera and creates the fulfilment", async () => {
    const orderId = page.url().split("/").pop()!
    await page.getByTestId("camera-toggle").click()
    await eventually(() => page.getByTestId("camera").evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0)
    // Both labels pass in front of the camera within a few seconds of the video.
    await eventually(async () => (await packing(orderId)).units.map((u: { serial: string }) => u.serial).sort(), 60_000).toEqual(
      camBatch.units.slice(0, 2).map((u) => u.serial).sort()
    )
    // The last scan's request goes on to create the fulfilment (Medusa's workflow): wait for it.
    await eventually(async () => {
      const p = await packing(orderId)
      return p.fulfillments.length === 1 && p.units.every((u: { fulfillment_id: string | null }) => u.fulfillment_id !== null)
    }).toBe(true)
    const state = await packing(orderId)
    expect(state.complete).toBe(true)
    expect(state.units.every((u: { method: string; fulfillment_id: string | null }) => u.method === "scanned" && u.fulfillment_id)).toBe(true)
    expect(state.fulfillments).toHaveLength(1)
    await eventually(() => page.getByTestId("packing-lines").textContent()).toContain("ครบแล้ว")
    // Where the packed units come from: their batch, and the harvest lots, plots and households behind it.
    await eventually(() => page.getByTestId("origin").textContent()).toContain(camBatch.lot_number)
    expect(await page.getByTestId("origin").textContent()).toMatch(/แปลง \S+ .*ครัวเรือน \S+/)
    await page.getByTestId("camera-toggle").click()
    await page.screenshot({ path: path.join(shots, "packing-camera-390.png"), fullPage: true })
  })

  it("takes the keyboard scanner's codes: wrong, recalled and packed-elsewhere refused in Thai, the right one accepted", async () => {
    const recalled = await fixtures.batch("MM-OIL-30", "2026-11-02", 1)
    await api.ok("POST", `/admin/batches/${recalled.id}/recall`, { reason: "ผลตรวจไม่ผ่าน" })
    const orderId = await fixtures.placeOrder("MM-OIL-30", 1, "scanner@example.com")
    await page.goto(`${app.medusaUrl}/app/packing/${orderId}`)
    const input = page.getByTestId("scan-input")
    await eventually(() => input.isVisible()).toBe(true)
    const result = page.getByTestId("scan-result")

    const scanAndRead = async (code: string) => {
      await input.click()
      await page.keyboard.type(code)
      await page.keyboard.press("Enter")
      await eventually(() => input.inputValue()).toBe("")
      await eventually(async () => ((await result.count()) > 0 ? await result.textContent() : "")).not.toBe("")
      return result
    }

    await scanAndRead("NOT-A-LABEL")
    await eventually(() => result.textContent()).toContain("ไม่พบรหัสนี้ในระบบ")
    expect(await result.getAttribute("data-ok")).toBe("false")

    await scanAndRead(recalled.units[0]!.url)
    await eventually(() => result.textContent()).toContain("ถูกเรียกคืนแล้ว")
    expect(await result.getAttribute("data-ok")).toBe("false")

    await scanAndRead(camBatch.units[0]!.url)
    await eventually(() => result.textContent()).toContain("คำสั่งซื้ออื่น")
    expect(await result.getAttribute("data-ok")).toBe("false")
    expect((await packing(orderId)).units).toEqual([])

    await scanAndRead(camBatch.units[2]!.url)
    await eventually(() => result.getAttribute("data-ok")).toBe("true")
    await eventually(() => result.textContent()).toContain("ถูกต้อง")
    await page.screenshot({ path: path.join(shots, "packing-scanner-390.png"), fullPage: true })

    // The duplicate: the order is complete now.
    await scanAndRead(camBatch.units[2]!.url)
    await eventually(() => result.getAttribute("data-ok")).toBe("false")
    await eventually(() => result.textContent()).toContain("สแกนเข้าคำสั่งซื้อนี้แล้ว")

    // The parcel goes to Thailand Post: a mistyped number is refused, the right one is kept and linked.
    await eventually(() => page.getByTestId("tracking-input").isVisible()).toBe(true)
    const number = buildTrackingNumber("EB", "24681357")
    const mistyped = `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}TH`
    await page.getByTestId("tracking-input").fill(mistyped)
    await page.getByTestId("tracking-submit").click()
    await eventually(() => page.getByText("ตัวเลขตรวจสอบไม่ตรง").first().isVisible()).toBe(true)
    await page.getByTestId("tracking-input").fill(number)
    await page.getByTestId("tracking-submit").click()
    await eventually(() => page.getByTestId("tracking-link").getAttribute("href")).toBe(`https://track.thailandpost.co.th/?trackNumber=${number}`)

    // The buyer's order page (opened from the order e-mail's signed link) shows it with Thailand Post's link.
    const { signedOrderPath } = await import("../../storefront/app/lib/checkout/order-link.server")
    const shop = await context.newPage()
    await shop.goto(`${app.storefrontUrl}${signedOrderPath(orderId, "th")}`)
    const tracking = shop.getByTestId("order-tracking")
    await eventually(() => tracking.textContent()).toContain(number)
    expect(await tracking.getByRole("link", { name: number }).getAttribute("href")).toBe(`https://track.thailandpost.co.th/?trackNumber=${number}`)
    await shop.screenshot({ path: path.join(shots, "order-tracking-390.png"), fullPage: true })
    await shop.close()
  })

  it("lays out on a desktop too", async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.reload()
    await eventually(() => page.getByTestId("packed-units").isVisible()).toBe(true)
    await page.screenshot({ path: path.join(shots, "packing-1280.png"), fullPage: true })
  })
})
