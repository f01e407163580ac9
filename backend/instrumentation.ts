import http from "node:http"
import { readEnv } from "./src/lib/env"
import { secureResponse } from "./src/lib/http/security-headers"

/**
 * `medusa start` calls register() right before it creates its HTTP server (this file's documented use is
 * OpenTelemetry, hence Medusa's "OTEL registered" line). The server's first request listener is the one
 * place that sees every response of this origin, /static and /app included, which Medusa serves before any
 * route middleware: it gets the security headers there (docs/decisions/0019-admin-origin-security.md).
 * Medusa's own per-request hook (`traceRequestHandler`) would do too, but it first walks the whole Express
 * stack on every request (about a millisecond), so the next http.createServer call is wrapped instead, once.
 */
export function register(): void {
  const env = readEnv()
  const settings = { secure: env.isProduction || env.backendUrl.startsWith("https:"), backendOrigin: env.backendUrl }
  const createServer = http.createServer
  http.createServer = function (this: unknown, ...args: unknown[]) {
    http.createServer = createServer
    const server = (createServer as (...a: unknown[]) => http.Server).apply(this, args)
    server.prependListener("request", (req: http.IncomingMessage, res: http.ServerResponse) => secureResponse(settings, req, res))
    return server
  } as typeof http.createServer
}
