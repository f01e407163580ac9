import fs from "node:fs"
import path from "node:path"
import type { ChildProcess } from "node:child_process"
import jsQR from "jsqr"
import type { Browser, BrowserContext, Page, Request } from "playwright-core"
import { PNG } from "pngjs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { repoRoot } from "../../backend/launcher/paths"
import { freePort } from "../support/ports"
import { killGroup, launch, userShellEnv, type Launch } from "../support/launcher"
import { cspViolations, launchChromium } from "./browser"
import { addOilToCart } from "./shop-flows"

// The shop as people really run it (issue 10). Every other suite may bring its own settings; this one may not:
// `npm start` through the same launcher, with nothing set but three free ports a user would pick (PORT,
// MEDUSA_PORT, EMBEDDED_PG_PORT) and the default data folder, then what a visitor sees in Chromium on a phone and a
// desktop, and what a group member prints: the label QR, fetched exactly as printed.

const DATA_DIR = path.join(repoRoot, ".data")
const children: ChildProcess[] = []
let stack: Launch
let browser: Browser
let shop: string // as printed: "Shop: http://localhost:8000/"
let admin: string // as printed: "Admin: http://localhost:9000/app   login …"
let login: { email: string; password: string }

/** The PostgreSQL of a developer's own `npm start` on the default data folder, if one is running. */
function runningPostgres(): { pid: number; port: string } | null {
  const pidFile = path.join(DATA_DIR, "postgres", "postmaster.pid")
  if (!fs.existsSync(pidFile)) return null
  const [pid, , , port] = fs.readFileSync(pidFile, "utf8").split("\n")
  try {
    process.kill(Number(pid), 0)
    return { pid: Number(pid), port: port ?? "?" }
  } catch {
    return null // a stale file from a crash: PostgreSQL cleans it up on start
  }
}

beforeAll(async () => {
  const held = runningPostgres()
  if (held) {
    throw new Error(
      `The default data folder ${DATA_DIR} is in use: PostgreSQL pid ${held.pid} on port ${held.port} (your own \`npm start\`?). ` +
        "This suite runs `npm start` on that folder exactly as a user would and does not touch a folder in use; stop it and run the suite again."
    )
  }
  const env = userShellEnv({
    PORT: String(await freePort()),
    MEDUSA_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
  })
  stack = launch(env, children)
  await stack.ready
  const out = stack.output()
  shop = /Shop:\s+(\S+?)\/?\s/.exec(out)![1]!
  admin = /Admin:\s+(\S+?)\/app/.exec(out)![1]!
  const printed = /login (\S+) \/ (\S+)/.exec(out)
  expect(printed, "npm start prints the default admin login").not.toBeNull()
  login = { email: printed![1]!, password: printed![2]! }
  browser = await launchChromium()
}, 900_000)

afterAll(async () => {
  try {
    await browser?.close() // throws when Chromium saw CSP violations: the stack must stop all the same
  } finally {
    const code = stack ? await stack.stop() : 0
    for (const child of children) killGroup(child)
    expect(code, "npm start stops cleanly").toBe(0)
  }
}, 120_000)

type Problems = string[]

/** Requests a context has started and not yet finished. */
const inFlight = new WeakMap<BrowserContext, Set<Request>>()

/**
 * Until nothing has been in flight for half a second: a visitor who reads the page lets what it started (a
 * prefetch of a link the pointer passed over while scrolling) finish; a test that navigated at once would abort
 * it and count a failed request no visitor sees.
 */
async function settled(page: Page) {
  const context = page.context()
  let quietSince = Date.now()
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if ((inFlight.get(context)?.size ?? 0) > 0) quietSince = Date.now()
    else if (Date.now() - quietSince >= 500) return
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Everything a visitor's browser complains about, per page: console errors, failed requests, error answers. */
function watch(context: BrowserContext, problems: Problems) {
  context.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`)
  })
  const pending = new Set<Request>()
  inFlight.set(context, pending)
  context.on("request", (request) => pending.add(request))
  context.on("requestfinished", (request) => pending.delete(request))
  context.on("requestfailed", (request) => {
    pending.delete(request)
    // Remix cancels its own data fetch (`….data`) when a newer navigation supersedes it (a revalidation after a
    // form post overtaken by the redirect's load): the browser reports ERR_ABORTED, and nothing failed for the
    // visitor. Every other failed request — a page, an image, a script, a style — is a problem.
    if (request.failure()?.errorText === "net::ERR_ABORTED" && new URL(request.url()).pathname.endsWith(".data")) return
    problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`)
  })
  context.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`)
  })
}

/**
 * The page as a visitor sees it to its end: scrolled through (lazy images load), every <img> loaded with real
 * pixels, and nothing wider than the screen.
 */
async function inspect(page: Page, what: string) {
  await page.waitForLoadState("networkidle")
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y)
      await new Promise((r) => setTimeout(r, 50))
    }
    window.scrollTo(0, 0)
  })
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 15_000 }).catch(() => undefined)
  const images = await page.evaluate(() => [...document.images].map((img) => ({ src: img.currentSrc || img.src, width: img.naturalWidth })))
  for (const image of images) expect(image.width, `${what}: image ${image.src} did not load`).toBeGreaterThan(0)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, `${what}: wider than the ${page.viewportSize()!.width} px screen`).toBeLessThanOrEqual(0)
  await settled(page)
  return images.length
}

async function adminToken(): Promise<string> {
  const res = await fetch(`${admin}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(login),
  })
  expect(res.status, `logging in with the printed admin login ${login.email}`).toBe(200)
  return ((await res.json()) as { token: string }).token
}

type Unit = { serial: string; url: string }
type Batch = { id: string; lot_number: string; variant: { sku: string } | null; units: Unit[] }

async function adminGet<T>(token: string, pathname: string): Promise<T> {
  const res = await fetch(admin + pathname, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status, pathname).toBe(200)
  return (await res.json()) as T
}

async function releasedOilBatch(token: string): Promise<Batch> {
  const { batches } = await adminGet<{ batches: { id: string }[] }>(token, "/admin/batches?status=released")
  const full = await Promise.all(batches.map(async (b) => (await adminGet<{ batch: Batch }>(token, `/admin/batches/${b.id}`)).batch))
  const oil = full.find((b) => b.variant?.sku?.startsWith("MM-OIL") && b.units.length >= 3)
  expect(oil, "a released oil batch with label units").toBeDefined()
  return oil!
}

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

/** Opens a printed link the way a phone does after scanning it: the right batch's page, answered 200. */
async function openAsPrinted(url: string, lot: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "th-TH", isMobile: true })
  const problems: Problems = []
  watch(context, problems)
  const page = await context.newPage()
  const response = await page.goto(url)
  expect(response?.status(), `${url} as printed`).toBe(200)
  await page.getByRole("heading", { level: 1, name: /น้ำมันนวดสมุนไพรหมอกไพร/ }).waitFor()
  await expect(page.locator(".facts").innerText()).resolves.toContain(lot)
  await inspect(page, url)
  await context.close()
  expect(problems).toEqual([])
}

describe("the default npm start, as people really run it", () => {
  it("serves both origins as printed: the shop's pages, and Medusa's API to the shop's origin (CORS)", async () => {
    expect(new URL(shop).port).not.toBe(new URL(admin).port)
    expect((await fetch(shop + "/")).status).toBe(200)
    expect((await fetch(admin + "/app")).status).toBe(200)
    const preflight = await fetch(`${admin}/store/products`, {
      method: "OPTIONS",
      headers: { origin: shop, "access-control-request-method": "GET" },
    })
    expect(preflight.headers.get("access-control-allow-origin")).toBe(shop)
  })

  for (const viewport of [
    { name: "phone", width: 390, height: 844, isMobile: true },
    { name: "desktop", width: 1280, height: 800, isMobile: false },
  ]) {
    it(`shows home, every product, the cart and a provenance page whole on a ${viewport.width} px ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, isMobile: viewport.isMobile, locale: "th-TH" })
      const problems: Problems = []
      watch(context, problems)
      const page = await context.newPage()

      expect((await page.goto(shop + "/"))?.status()).toBe(200)
      expect(await inspect(page, "home")).toBeGreaterThanOrEqual(2)
      const handles = await page.evaluate(() => [
        ...new Set([...document.querySelectorAll<HTMLAnchorElement>('a[href*="/products/"]')].map((a) => new URL(a.href).pathname)),
      ])
      expect(handles.length).toBeGreaterThanOrEqual(2)
      for (const pathname of handles) {
        expect((await page.goto(shop + pathname))?.status(), pathname).toBe(200)
        expect(await inspect(page, pathname), `${pathname} shows its images`).toBeGreaterThanOrEqual(1)
      }

      await addOilToCart(page, shop)
      expect(await inspect(page, "cart"), "the cart shows the product's picture").toBeGreaterThanOrEqual(1)

      const token = await adminToken()
      const oil = await releasedOilBatch(token)
      const unit = viewport.isMobile ? oil.units[0]! : oil.units[1]!
      expect((await page.goto(unit.url))?.status(), unit.url).toBe(200)
      await page.getByRole("heading", { level: 1, name: /น้ำมันนวดสมุนไพรหมอกไพร/ }).waitFor()
      await inspect(page, "provenance page")

      await context.close()
      expect(problems).toEqual([])
      expect(cspViolations(browser)).toEqual([])
    })
  }

  it("prints labels whose QR, decoded from the PNG and from the A4 sheet, opens the right batch's page", async () => {
    const token = await adminToken()
    const oil = await releasedOilBatch(token)
    for (const unit of oil.units) expect(unit.url.startsWith(`${shop}/01/`), `${unit.url} is on the shop's origin`).toBe(true)

    // One label's QR image, as the admin downloads it.
    const unit = oil.units[2]!
    const png = await fetch(`${admin}/admin/label-units/${unit.serial}/qr.png`, { headers: { authorization: `Bearer ${token}` } })
    expect(png.status).toBe(200)
    const fromPng = decodeQr(Buffer.from(await png.arrayBuffer()))
    expect(fromPng).toBe(unit.url)
    await openAsPrinted(fromPng!, oil.lot_number)

    // The A4 sheet as it prints: rendered by Chromium for print, each label photographed and its QR read back.
    const context = await browser.newContext({ viewport: { width: 1280, height: 1800 }, deviceScaleFactor: 3, extraHTTPHeaders: { authorization: `Bearer ${token}` } })
    const sheet = await context.newPage()
    expect((await sheet.goto(`${admin}/admin/batches/${oil.id}/labels`))?.status()).toBe(200)
    await sheet.emulateMedia({ media: "print" })
    const labels = sheet.locator(".label")
    expect(await labels.count()).toBe(oil.units.length)
    const printed: string[] = []
    for (let i = 0; i < (await labels.count()); i++) {
      const decoded = decodeQr(await labels.nth(i).screenshot())
      expect(decoded, `label ${i + 1} of the sheet has a readable QR`).not.toBeNull()
      printed.push(decoded!)
    }
    await context.close()
    expect(printed.sort()).toEqual(oil.units.map((u) => u.url).sort())
    await openAsPrinted(printed[0]!, oil.lot_number)

    // The EPCIS export names lots and units on the shop's origin too.
    const lotUrl = new URL(unit.url)
    lotUrl.pathname = lotUrl.pathname.replace(/\/21\/.*$/, "")
    const epcis = await fetch(`${lotUrl.href}?linkType=gs1:traceability`)
    expect(epcis.status).toBe(200)
    const text = await epcis.text()
    expect(text).toContain(`${shop}/01/`)
    expect(text).not.toContain(`${admin}/01/`)
  })
})
