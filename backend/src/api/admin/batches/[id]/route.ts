import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { found } from "../../helpers"
import { batchResponse } from "../batch-response"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ batch: found(await batchResponse(req.scope, req.params.id), "Batch", req.params.id) })
}
