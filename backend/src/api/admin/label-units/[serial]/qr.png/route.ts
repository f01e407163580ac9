import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { qrPng } from "../../../../../lib/traceability/qr"
import { refuse } from "../../../helpers"
import { unitUrlOf } from "../../serial"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const size = req.query.size === undefined ? 300 : Number(req.query.size)
  if (!Number.isInteger(size) || size < 64 || size > 1024) throw refuse("size must be a whole number of pixels from 64 to 1024")
  const png = await qrPng(await unitUrlOf(req), size)
  res.status(200).type("image/png").send(png)
}
