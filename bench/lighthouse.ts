import { spawn } from "node:child_process"
import path from "node:path"
import type { Result } from "lighthouse"

/** One page Lighthouse audits, with the cookies of the shopper it is for (cart and checkout need a cart). */
export type LighthousePage = { name: string; url: string; cookie?: string; /** noindex pages are not scored for SEO */ indexed: boolean }

export type LighthouseResult = {
  name: string
  url: string
  performance: number
  accessibility: number
  bestPractices: number
  seo: number | null
  cls: number
  consoleMessages: string[]
  failedAudits: string[]
}

/** The issue's targets: performance ≥ 95, accessibility, best practices and SEO 100, CLS ≤ 0.05, a quiet console. */
export function lighthouseChecks(results: LighthouseResult[]): { target: string; measured: string; ok: boolean }[] {
  return results.map((r) => ({
    target: `Lighthouse ${r.name}: performance ≥ 95, accessibility 100, best practices 100${r.seo === null ? "" : ", SEO 100"}, CLS ≤ 0.05, no console message`,
    measured:
      `${r.performance}/${r.accessibility}/${r.bestPractices}${r.seo === null ? "" : `/${r.seo}`}, CLS ${r.cls}` +
      (r.consoleMessages.length ? `, console: ${r.consoleMessages.join(" | ")}` : "") +
      (r.failedAudits.length ? ` (failed: ${r.failedAudits.join(", ")})` : ""),
    ok: r.performance >= 95 && r.accessibility === 100 && r.bestPractices === 100 && (r.seo === null || r.seo === 100) && r.cls <= 0.05 && r.consoleMessages.length === 0,
  }))
}

const score = (s: number | null | undefined) => Math.round((s ?? 0) * 100)

/**
 * Lighthouse 12 as a phone sees the pages (its default mobile settings with simulated throttling), in the Debian
 * Chromium the tests use, one page after another: runs in parallel would measure each other. It runs as its own
 * CLI process: under tsx, Lighthouse's in-page functions are rewritten with helpers the page does not have.
 */
export async function runLighthouse(pages: LighthousePage[], chromePath = "/usr/bin/chromium"): Promise<LighthouseResult[]> {
  const cli = path.join(path.dirname(require.resolve("lighthouse/package.json")), "cli", "index.js")
  const out: LighthouseResult[] = []
  for (const page of pages) {
    const args = [
      cli,
      page.url,
      "--output=json",
      "--output-path=stdout",
      "--quiet",
      "--only-categories=performance,accessibility,best-practices,seo",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      ...(page.cookie ? [`--extra-headers=${JSON.stringify({ Cookie: page.cookie })}`] : []),
    ]
    const json = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromePath }, stdio: ["ignore", "pipe", "pipe"] })
      let stdout = ""
      let stderr = ""
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")))
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")))
      child.on("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`Lighthouse on ${page.url} exited ${code}: ${stderr.slice(-500)}`))))
    })
    const lhr = JSON.parse(json) as Result
    if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${page.url}: ${lhr.runtimeError.message}`)
    const consoleItems = (lhr.audits["errors-in-console"]?.details as { items?: { description?: string; source?: string }[] } | undefined)?.items ?? []
    // Failed audits that count towards accessibility, best practices or SEO (the pass/fail categories).
    const failedAudits = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1)
      .filter((a) => ["accessibility", "best-practices", "seo"].some((c) => lhr.categories[c]?.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0)))
      .map((a) => a.id)
    out.push({
      name: page.name,
      url: page.url,
      performance: score(lhr.categories.performance?.score),
      accessibility: score(lhr.categories.accessibility?.score),
      bestPractices: score(lhr.categories["best-practices"]?.score),
      seo: page.indexed ? score(lhr.categories.seo?.score) : null,
      cls: Math.round((lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0) * 1000) / 1000,
      consoleMessages: consoleItems.map((i) => `${i.source ?? ""}: ${i.description ?? ""}`.slice(0, 160)),
      failedAudits,
    })
  }
  return out
}
