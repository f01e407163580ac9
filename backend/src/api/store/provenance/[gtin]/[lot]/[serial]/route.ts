import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { isGuessLimited, sendRefusal } from "../../../../../../lib/traceability/guess-limit"
import { clientIp, ProvenanceRefusal, unitProvenance } from "../../../../../../lib/traceability/provenance"

// GET /store/provenance/:gtin/:lot/:serial — one unit, with its scan verdict; every call is a recorded scan
// (except refusals of a client over its guess limit, middleware scanGuessLimit).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  try {
    const ip = clientIp(req.headers, req.socket.remoteAddress)
    const params = { gtin: req.params.gtin, lot: req.params.lot, serial: req.params.serial }
    const provenance = await unitProvenance(req.scope, params, ip, { recordRefusals: !isGuessLimited(res) })
    res.json({ provenance })
  } catch (err) {
    if (err instanceof ProvenanceRefusal) return void sendRefusal(res, err)
    throw err
  }
}
