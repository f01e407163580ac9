import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { currentLotProvenance } from "../../../../lib/traceability/provenance"

// GET /store/provenance/:gtin — public projection of the newest released batch of a product variant
// (the product page's provenance summary; docs/api/provenance.md).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ provenance: await currentLotProvenance(req.scope, req.params.gtin) })
}
