import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { currentLotProvenance, ProvenanceRefusal } from "../../../../lib/traceability/provenance"

// GET /store/provenance/:gtin — public projection of the newest released batch of a product variant
// (the product page's provenance summary; docs/api/provenance.md).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  try {
    res.json({ provenance: await currentLotProvenance(req.scope, req.params.gtin) })
  } catch (err) {
    if (err instanceof ProvenanceRefusal) return void res.status(err.status).json(err.body)
    throw err
  }
}
