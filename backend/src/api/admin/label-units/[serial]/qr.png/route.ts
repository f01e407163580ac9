import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { qrPng } from "../../../../../lib/traceability/qr"
import { validQuery } from "../../../helpers"
import { QrPngQuery } from "../../../validators"
import { unitUrlOf } from "../../serial"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const size = (await validQuery(req, QrPngQuery)).size ?? 300
  const png = await qrPng(await unitUrlOf(req), size)
  res.status(200).type("image/png").send(png)
}
