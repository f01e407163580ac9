import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { clientIp } from "../../../../../../lib/http/storefront-auth"
import { guessLimitOfResponse } from "../../../../../../lib/traceability/guess-limit"
import { unitProvenance } from "../../../../../../lib/traceability/provenance"

// GET /store/provenance/:gtin/:lot/:serial — one unit, with its scan verdict; every call is a recorded scan
// (except refusals of a client over its guess limit, middleware scanGuessLimit, which get 429).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const ip = clientIp(req.headers, req.socket.remoteAddress)
  const params = { gtin: req.params.gtin, lot: req.params.lot, serial: req.params.serial }
  const provenance = await unitProvenance(req.scope, params, ip, guessLimitOfResponse(res))
  res.json({ provenance })
}
