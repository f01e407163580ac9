import type { IncomingMessage, ServerResponse } from "node:http"

/**
 * The security headers of Medusa's origin (admin dashboard /app, admin/store/auth APIs, /static files,
 * household photos), decided here only (docs/decisions/0019-admin-origin-security.md). They are applied to
 * every response just before its headers go out, by the hook in backend/instrumentation.ts, because Medusa
 * serves /static and /app before any route middleware could run.
 *
 * Content-Security-Policies by path, unless the response set its own:
 *  - dashboard (/app): Medusa's admin and our extensions, scripts only from this origin (no inline script;
 *    inline styles, which its UI libraries inject);
 *  - file (/static, /household-photos): an uploaded or stored file; nothing in it may run (`sandbox`), even
 *    an SVG opened on its own;
 *  - none (APIs, health, anything else): nothing may load.
 */

export type HeaderSettings = {
  /** Production or https: Strict-Transport-Security. */
  secure: boolean
  /** MEDUSA_BACKEND_URL's origin: product images may be addressed by it rather than by the host in use. */
  backendOrigin: string
}

export type PolicyKind = "dashboard" | "file" | "none"

export function policyKind(path: string): PolicyKind {
  if (path === "/app" || path.startsWith("/app/")) return "dashboard"
  if (path.startsWith("/static/") || path.startsWith("/household-photos/")) return "file"
  return "none"
}

export function contentSecurityPolicy(settings: HeaderSettings, kind: PolicyKind): string {
  const closing = "base-uri 'none'; frame-ancestors 'none'"
  if (kind === "none") return `default-src 'none'; form-action 'none'; ${closing}`
  if (kind === "file") return `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox; ${closing}`
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Radix and the toast library insert <style> elements; scripts stay strict, which is what matters.
    "style-src 'self' 'unsafe-inline'",
    // Product images: this origin, MEDUSA_BACKEND_URL, or a file provider's https host; data:/blob: previews.
    `img-src 'self' data: blob: https: ${settings.backendOrigin}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "form-action 'self'",
    closing,
  ].join("; ")
}

/** The headers every response of this origin carries, whatever it is. */
export function baselineHeaders(settings: HeaderSettings): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    // Admin URLs name orders, customers and households: they are not sent to other sites.
    "Referrer-Policy": "same-origin",
    // frame-ancestors 'none' for browsers that predate it.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    // The camera for this origin's own pages only: the packing view reads label QR codes (decision 0030).
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), usb=(), payment=()",
    ...(settings.secure ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  }
}

/**
 * Makes `res` carry the headers when they are sent: the baseline (a route may not weaken it), the path's CSP
 * when the response set none, and no X-Powered-By (Express adds it while handling the request).
 */
export function secureResponse(settings: HeaderSettings, req: IncomingMessage, res: ServerResponse): void {
  const baseline = baselineHeaders(settings)
  const path = (req.url ?? "/").split("?")[0]!
  const writeHead = res.writeHead
  // Node calls res.writeHead (the instance's) for implicit headers too, so this sees every response.
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) {
      this.removeHeader("X-Powered-By")
      for (const [name, value] of Object.entries(baseline)) this.setHeader(name, value)
      // Express's own error pages say only "default-src 'none'": they get the full policy of their path.
      const own = this.getHeader("Content-Security-Policy")
      if (!own || own === "default-src 'none'") this.setHeader("Content-Security-Policy", contentSecurityPolicy(settings, policyKind(path)))
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args)
  } as ServerResponse["writeHead"]
}
