import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, parseCorsOrigins } from "@medusajs/framework/utils"
import { readEnv } from "../env"

/**
 * Writes to the admin and auth APIs come from the admin dashboard (same origin, JSON) or from scripts (a bearer
 * token or API key, no Origin). A page elsewhere can make a browser post a form with the admin's session cookie
 * (form-encoded, multipart or text/plain, no preflight): Medusa's own routes parse form bodies too, so such a
 * post changed a product title. Refused here, before any route runs (docs/decisions/0019-admin-origin-security.md):
 *  - `Origin`, when present (browsers always send it on a write), must be this origin (the host the request
 *    was addressed to, as the dashboard calls "/"), MEDUSA_BACKEND_URL or one of the route's CORS origins;
 *  - an /admin write with a body must be JSON, except file uploads (multipart on Medusa's upload routes, the
 *    image itself on a household's photo route), which must then name an allowed Origin or authenticate
 *    with a header a form cannot set.
 */

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** Non-JSON bodies an /admin route takes: the upload routes. */
const UPLOADS: { path: RegExp; type: string[] }[] = [
  { path: /^\/admin\/uploads\/?$/, type: ["multipart/form-data"] },
  { path: /^\/admin\/products\/import\/?$/, type: ["multipart/form-data"] },
  { path: /^\/admin\/households\/[^/]+\/photo\/?$/, type: ["image/*"] },
]

type Refusal = { status: number; code: string; message: string; message_th: string }

function refuse(res: MedusaResponse, r: Refusal) {
  const type = r.status === 415 ? "invalid_data" : "not_allowed"
  res.status(r.status).json({ type, code: r.code, message: r.message, message_th: r.message_th })
}

const pathOf = (req: MedusaRequest) => (req.originalUrl || req.url).split("?")[0]!

function hasBody(req: MedusaRequest): boolean {
  return Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined
}

let allowed: { admin: (string | RegExp)[]; auth: (string | RegExp)[]; backend: string } | undefined

function allowedOrigins(req: MedusaRequest) {
  if (!allowed) {
    const config = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
    const http = config.projectConfig.http
    allowed = { admin: parseCorsOrigins(http.adminCors ?? ""), auth: parseCorsOrigins(http.authCors ?? ""), backend: readEnv().backendUrl }
  }
  return allowed
}

/** Is `origin` this server's own origin, MEDUSA_BACKEND_URL or one of the namespace's CORS origins? */
export function originAllowed(req: MedusaRequest, origin: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false // "null" (sandboxed frames, file:) and garbage
  }
  if (parsed.origin !== origin.replace(/\/$/, "")) return false
  // The dashboard is served by this server and calls its own origin, on whatever host it was reached.
  if (parsed.host === req.headers.host && parsed.protocol === `${req.protocol}:`) return true
  const lists = allowedOrigins(req)
  if (origin === lists.backend) return true
  const cors = pathOf(req).startsWith("/auth") ? lists.auth : lists.admin
  return cors.some((o) => (typeof o === "string" ? o.replace(/\/$/, "") === origin : o.test(origin)))
}

/** /admin* and /auth*: a write naming another site's Origin is refused with 403, changing nothing. */
export function sameOriginWrites(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const origin = req.headers.origin
  if (!WRITES.has(req.method) || origin === undefined || originAllowed(req, origin)) return next()
  refuse(res, {
    status: 403,
    code: "CROSS_ORIGIN_WRITE",
    message: `Writes to this API are only accepted from the admin's own origin or its configured CORS origins, not from ${origin}.`,
    message_th: "ไม่รับคำขอแก้ไขข้อมูลจากเว็บไซต์อื่น ไม่มีการเปลี่ยนแปลงใด ๆ",
  })
}

/** /admin*: a write with a body must be JSON, but for the upload routes (see UPLOADS). */
export function jsonWritesOnly(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (!WRITES.has(req.method) || !hasBody(req) || req.is("application/json")) return next()
  const upload = UPLOADS.find((u) => u.path.test(pathOf(req)))
  if (upload && req.is(upload.type)) {
    // sameOriginWrites has judged a present Origin; a form cannot set Authorization.
    if (req.headers.origin !== undefined || req.headers.authorization !== undefined) return next()
    return refuse(res, {
      status: 403,
      code: "ORIGIN_REQUIRED",
      message: "A file upload must come from the admin dashboard (with its Origin) or carry an Authorization header.",
      message_th: "อัปโหลดไฟล์ได้จากหน้าผู้ดูแลระบบเท่านั้น",
    })
  }
  refuse(res, {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: `Send the request body as JSON (Content-Type: application/json), not ${req.headers["content-type"] || "without a Content-Type"}.`,
    message_th: "ส่งข้อมูลในรูปแบบ JSON เท่านั้น",
  })
}

type UploadedFile = { originalname?: string; mimetype?: string; buffer?: Buffer }

const ACTIVE_EXTENSIONS = /\.(svgz?|x?html?|xht|shtml|xml|xslt?|m?js|mht(ml)?)$/i
const ACTIVE_TYPES = /^(image\/svg\+xml|text\/html|application\/xhtml\+xml|(text|application)\/xml|(text|application)\/(x-)?javascript|multipart\/related)\b/i

/** Markup a browser would render as a document (SVG, HTML, XML): it begins with "<", an image never does. */
function looksLikeMarkup(buffer: Buffer | undefined): boolean {
  if (!buffer) return false
  const head = buffer.subarray(0, 512).toString("utf8").replace(/^\uFEFF/, "").trimStart()
  return head.startsWith("<")
}

/**
 * POST /admin/uploads (after Medusa's multer): files are served back from this origin under /static, so a
 * file a browser would run (SVG, HTML, XML, script — by name, declared type or content) is refused with 400
 * and nothing is stored. /static is also served with a sandboxing CSP, for files uploaded before this check.
 */
export function refuseActiveUploads(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const files = ((req as MedusaRequest & { files?: UploadedFile[] }).files ?? []) as UploadedFile[]
  const bad = files.find((f) => ACTIVE_EXTENSIONS.test(f.originalname ?? "") || ACTIVE_TYPES.test(f.mimetype ?? "") || looksLikeMarkup(f.buffer))
  if (!bad) return next()
  res.status(400).json({
    type: "invalid_data",
    code: "ACTIVE_CONTENT_UPLOAD",
    message: `${bad.originalname ?? "A file"} is an SVG, HTML, XML or script file, which could run in the admin's browser; upload images as JPEG, PNG, WebP, GIF or AVIF.`,
    message_th: "ไม่รับไฟล์ SVG, HTML หรือสคริปต์ กรุณาอัปโหลดรูปภาพเป็น JPEG, PNG หรือ WebP",
  })
}
