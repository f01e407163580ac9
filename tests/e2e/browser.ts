import fs from "node:fs"
import { chromium, type Browser } from "playwright-core"

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
