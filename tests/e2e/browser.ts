import fs from "node:fs"
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core"

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

const violations = new WeakMap<Browser, string[]>()

/**
 * Content-Security-Policy violations Chromium reported on any page of this browser so far (its console says
 * "… violates the following Content Security Policy directive …", with JavaScript on or off). A test that
 * provokes one on purpose takes it out of this list.
 */
export function cspViolations(browser: Browser): string[] {
  return violations.get(browser) ?? []
}

/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download is not available here).
 * Every page of every context is watched for CSP violations, and close() fails the suite that saw one, so each
 * browser test also proves the shop's policy lets its own pages work.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p))
  if (!executablePath) {
    throw new Error(
      "Chromium is not installed, so the browser tests cannot run. Install it with " +
        "`sudo apt-get install -y chromium` (Debian/Ubuntu) or point CHROMIUM_PATH at a Chromium or Chrome binary."
    )
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", ...extraArgs],
  })
  const seen: string[] = []
  violations.set(browser, seen)
  const watch = (context: BrowserContext) =>
    context.on("page", (page) =>
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/.test(message.text())) seen.push(`${page.url()}: ${message.text()}`)
      })
    )
  // browser.newPage() goes through newContext() too.
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    watch(context)
    return context
  }
  const close = browser.close.bind(browser)
  browser.close = async (options) => {
    await close(options)
    if (seen.length) throw new Error(`Chromium reported ${seen.length} Content-Security-Policy violation(s):\n${seen.join("\n")}`)
  }
  return browser
}

/** Bytes that went over the wire for one page load (compressed sizes, every request the page made). */
export async function transferredBytes(page: Page, url: string): Promise<{ status: number; bytes: number }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send("Network.enable")
  let bytes = 0
  cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength
  })
  const response = await page.goto(url, { waitUntil: "networkidle" })
  await page.evaluate(() => document.fonts.ready)
  await cdp.detach()
  return { status: response!.status(), bytes }
}

/**
 * A browser context for the admin as a Thai group member sees it: Thai locale, and the dashboard's language
 * ("lng") set to Thai unless the test switches it (decision 0057).
 */
export async function thaiAdminContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "th-TH", ...options })
  await context.addInitScript(() => {
    if (!window.localStorage.getItem("lng")) window.localStorage.setItem("lng", "th")
  })
  return context
}
