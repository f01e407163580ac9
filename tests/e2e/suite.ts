import type { Browser } from "playwright-core"
import { afterAll, beforeAll } from "vitest"
import { startTestApp, type TestApp } from "../support/app"
import { launchChromium } from "./browser"

export type BrowserSuite = { app: TestApp; browser: Browser }

/** One Chromium and one app (seeded database, Medusa, storefront) for the whole test file. */
export function browserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite
  beforeAll(async () => {
    suite.browser = await launchChromium()
    suite.app = await startTestApp({ storefront: true })
  })
  afterAll(async () => {
    await suite.browser?.close()
    await suite.app?.stop()
  })
  return suite
}

/** A phone-sized page in Thai, as most customers see the shop. */
export const phone = { viewport: { width: 360, height: 740 }, locale: "th-TH" }
