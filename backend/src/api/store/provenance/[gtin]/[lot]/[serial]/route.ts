import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { clientIp, ProvenanceRefusal, unitProvenance } from "../../../../../../lib/traceability/provenance"

// GET /store/provenance/:gtin/:lot/:serial — one unit, with its scan verdict; every call is a recorded scan.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  try {
    const ip = clientIp(req.headers, req.socket.remoteAddress)
    const provenance = await unitProvenance(req.scope, { gtin: req.params.gtin, lot: req.params.lot, serial: req.params.serial }, ip)
    res.json({ provenance })
  } catch (err) {
    if (err instanceof ProvenanceRefusal) return void res.status(err.status).json(err.body)
    throw err
  }
}
