import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { lotEpcis } from "../../../../../../lib/traceability/provenance"

// GET /store/provenance/:gtin/:lot/epcis — EPCIS 2.0 JSON-LD built from the public projection only.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const document = await lotEpcis(req.scope, { gtin: req.params.gtin, lot: req.params.lot })
  res.status(200).type("application/ld+json").send(JSON.stringify(document))
}
