import fs from "node:fs"
import type { Browser, Page } from "playwright-core"
import { AppError, invalid } from "../errors"

/**
 * Printable documents (label sheets, the e-catalogue, the herb e-book) are HTML pages first; their PDF is that
 * same page printed by Chromium (docs/decisions/0022-pdf-from-html-with-chromium.md). Chromium shapes Thai
 * (tone marks above vowels), breaks lines between Thai words with its dictionary, embeds fonts with a text layer
 * that `pdftotext` reads back intact — a pure-JS PDF library garbled "ตำบล" into "ต้าบล" on extraction.
 */

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

/** The Chromium binary this machine has, or null. */
export function chromiumPath(): string | null {
  return CANDIDATES.find((p): p is string => !!p && fs.existsSync(p)) ?? null
}

let browser: Promise<Browser> | null = null
let idleTimer: NodeJS.Timeout | null = null
let inFlight = 0
const IDLE_MS = 60_000
/** Chromium is heavy on a 2-core machine: a few documents at a time, the rest wait their turn. */
const MAX_PARALLEL = 2
const waiting: (() => void)[] = []

async function launch(): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!executablePath) {
    throw new AppError("unexpected_state", {
      code: "PDF_UNAVAILABLE",
      message: "PDF printing needs Chromium on the server (apt-get install chromium, or set CHROMIUM_PATH); the printable page works without it.",
      message_th: "ระบบยังพิมพ์เป็น PDF ไม่ได้ (เซิร์ฟเวอร์ไม่มี Chromium) ใช้หน้าสำหรับพิมพ์แทนได้",
    }, { status: 503 })
  }
  const { chromium } = await import("playwright-core")
  return chromium.launch({
    executablePath,
    headless: true,
    // No network of its own: the document's resources come from the origins the caller allows (below).
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  })
}

async function slot(): Promise<() => void> {
  if (inFlight >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve))
  inFlight++
  if (idleTimer) clearTimeout(idleTimer)
  return () => {
    inFlight--
    waiting.shift()?.()
    if (inFlight === 0) {
      idleTimer = setTimeout(() => void closePdfBrowser(), IDLE_MS)
      idleTimer.unref()
    }
  }
}

/** Closes the shared browser (idle for a minute, or at shutdown). */
export async function closePdfBrowser(): Promise<void> {
  const b = browser
  browser = null
  if (b) await (await b.catch(() => null))?.close().catch(() => undefined)
}

export type PdfOptions = {
  /** Paper: A4 by default; or a custom size such as a roll label ("50mm" × "30mm"). */
  format?: "A4" | "A5"
  width?: string
  height?: string
  landscape?: boolean
  /** The page's own @page margins apply when this is unset. */
  margin?: { top?: string; right?: string; bottom?: string; left?: string }
  /** Origins the page may load images and styles from (e.g. the backend's own); everything else is refused. */
  allowOrigins?: string[]
}

/** Renders an HTML document in the shared browser (no scripts, only the allowed origins) and hands back `out(page)`. */
async function render<T>(html: string, allowOrigins: string[] | undefined, viewport: { width: number; height: number } | null, out: (page: Page) => Promise<T>): Promise<T> {
  if (html.length > 20_000_000) throw invalid({ code: "PDF_TOO_LARGE", message: "The document is too large to print.", message_th: "เอกสารใหญ่เกินกว่าจะพิมพ์ได้" })
  const release = await slot()
  try {
    browser ??= launch()
    const b = await browser.catch((err) => {
      browser = null
      throw err
    })
    const context = await b.newContext({ javaScriptEnabled: false, ...(viewport ? { viewport } : {}) })
    try {
      const allowed = new Set(allowOrigins ?? [])
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url())
        return url.protocol === "data:" || allowed.has(url.origin) ? route.continue() : route.abort()
      })
      const page = await context.newPage()
      await page.setContent(html, { waitUntil: "load", timeout: 30_000 })
      return await out(page)
    } finally {
      await context.close().catch(() => undefined)
    }
  } finally {
    release()
  }
}

/**
 * A picture of an HTML document (share images for link previews): the same browser and rules as the PDFs, so Thai
 * is shaped the same way everywhere.
 */
export async function htmlToPng(html: string, options: { width: number; height: number; allowOrigins?: string[] }): Promise<Buffer> {
  return render(html, options.allowOrigins, { width: options.width, height: options.height }, async (page) =>
    Buffer.from(await page.screenshot({ type: "png", fullPage: false }))
  )
}

/** Prints an HTML document to PDF bytes. */
export async function htmlToPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  return render(html, options.allowOrigins, null, async (page) => {
    const pdf = await page.pdf({
      format: options.width ? undefined : (options.format ?? "A4"),
      width: options.width,
      height: options.height,
      landscape: options.landscape,
      margin: options.margin,
      printBackground: true,
      preferCSSPageSize: !options.width && !options.format,
    })
    return Buffer.from(pdf)
  })
}
