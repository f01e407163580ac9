import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { traceability } from "../../../lib/traceability/service"

/** Public file names: 128 random bits in hex and the type's extension (traceability module's service). */
const FILE = /^[0-9a-f]{32}\.(jpg|png)$/

/**
 * GET /household-photos/:file — a household's photo, checked against its photo consent on every request
 * (docs/decisions/0020-household-photos-and-alias.md): without consent, once withdrawn (the file is then
 * renamed), or for a deleted household, the address answers 404 at once. Browsers and caches may keep a copy
 * for a minute, about as long as the storefront shows a page after a change (decision 0011).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const file = String(req.params.file)
  const photo = FILE.test(file) ? await traceability(req.scope).findPublicHouseholdPhoto(file) : null
  if (!photo) {
    res.setHeader("Cache-Control", "no-store")
    return void res.status(404).json({
      type: "not_found",
      code: "NO_PHOTO",
      message: "There is no photo at this address (or its household does not agree to show it).",
      message_th: "ไม่มีรูปภาพนี้",
    })
  }
  res.setHeader("Content-Type", photo.content_type)
  res.setHeader("Cache-Control", "public, max-age=60")
  res.setHeader("Content-Length", String(photo.data.length))
  res.status(200).end(photo.data)
}
