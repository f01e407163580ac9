import fs from "node:fs"
import { chromium, type Browser, type Page } from "playwright-core"

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

/** Debian's Chromium driven by playwright-core (Playwright's own browser download is not available here). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p))
  if (!executablePath) {
    throw new Error(
      "Chromium is not installed, so the browser tests cannot run. Install it with " +
        "`sudo apt-get install -y chromium` (Debian/Ubuntu) or point CHROMIUM_PATH at a Chromium or Chrome binary."
    )
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  })
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
