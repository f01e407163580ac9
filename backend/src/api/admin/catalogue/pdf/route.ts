import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { eCataloguePdf } from "../../../../lib/catalogue/e-catalogue-pdf"

// GET /admin/catalogue/pdf — the same e-catalogue, for group members to print for shops and fairs.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const pdf = await eCataloguePdf(req.scope)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", 'attachment; filename="mae-mok-catalogue.pdf"')
  res.setHeader("Cache-Control", "no-store")
  res.end(pdf)
}
