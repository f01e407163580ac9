import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * The traceability routes read JSON bodies only. A body in another format (a form, multipart, plain
 * text) is not parsed and would look like an empty body: an update that changes nothing yet answers
 * 200. It is refused instead. A request without a body (e.g. "release") is let through.
 */
export function jsonBodyOnly(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined
  if (!hasBody || req.is("application/json")) return next()
  res.status(415).json({
    type: "invalid_data",
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: `Send the request body as JSON (Content-Type: application/json), not ${req.headers["content-type"] || "without a Content-Type"}.`,
  })
}
