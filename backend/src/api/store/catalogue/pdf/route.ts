import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { eCataloguePdf } from "../../../../lib/catalogue/e-catalogue-pdf"

// GET /store/catalogue/pdf — the A4 e-catalogue of the live catalogue (photos, names, sizes, prices incl. VAT,
// GTIN barcodes, a QR to each product page, the group's contact and LINE).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const pdf = await eCataloguePdf(req.scope)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", 'inline; filename="mae-mok-catalogue.pdf"')
  res.setHeader("Cache-Control", "no-cache")
  res.end(pdf)
}
