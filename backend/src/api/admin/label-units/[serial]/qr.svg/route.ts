import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { qrSvg } from "../../../../../lib/traceability/qr"
import { unitUrlOf } from "../../serial"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const svg = await qrSvg(await unitUrlOf(req))
  res.status(200).type("image/svg+xml").send(svg)
}
