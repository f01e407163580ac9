import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { lotProvenance } from "../../../../../lib/traceability/provenance"

// GET /store/provenance/:gtin/:lot — public projection of one batch (docs/api/provenance.md).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const provenance = await lotProvenance(req.scope, { gtin: req.params.gtin, lot: req.params.lot })
  res.json({ provenance })
}
