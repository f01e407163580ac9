import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notFound } from "../../../../../../lib/errors"
import { readSlip, slipTypeOf } from "../../../../../../lib/orders/transfer-slip"

// GET /admin/orders/:id/transfer-slips/:file — one slip image, for the admin only (the data folder is never served).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const bytes = await readSlip(req.params.id, req.params.file)
  const type = bytes ? slipTypeOf(bytes) : null
  if (!bytes || !type) throw notFound({ en: "Transfer slip", th: "สลิปการโอน" }, req.params.file, "SLIP_NOT_FOUND")
  res.setHeader("Content-Type", type.contentType)
  res.setHeader("Content-Length", String(bytes.length))
  res.setHeader("Cache-Control", "private, no-store")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Content-Disposition", `inline; filename="slip-${req.params.file}"`)
  res.status(200).end(bytes)
}
