import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { traceability } from "../../../lib/traceability/service"
import { createBatchWorkflow } from "../../../workflows/traceability/create-batch"
import { actorId, page, validQuery } from "../helpers"
import { type BatchCreate, BatchQuery, type Infer } from "../validators"
import { batchResponse, batchResponses } from "./batch-response"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = await validQuery(req, BatchQuery)
  const { skip, take, limit, offset } = page(query)
  const filters: Record<string, unknown> = {}
  if (query.status) filters.status = query.status
  const variantId = query.variant_id
  if (variantId) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "product_variant", fields: ["id", "batches.id"], filters: { id: variantId } })
    filters.id = (data[0]?.batches ?? []).filter((b) => b !== null).map((b) => b.id)
  }
  const [rows, count] = await traceability(req.scope).listAndCountBatches(filters, { skip, take, order: { created_at: "DESC" }, select: ["id"] })
  res.json({ batches: await batchResponses(req.scope, rows.map((r) => r.id)), count, limit, offset })
}

export async function POST(req: MedusaRequest<Infer<typeof BatchCreate>>, res: MedusaResponse) {
  const body = req.validatedBody
  const { result } = await createBatchWorkflow(req.scope).run({
    input: {
      variant_id: body.variant_id,
      produced_on: body.produced_on,
      best_before: body.best_before ?? null,
      units_planned: body.units_planned,
      inputs: body.inputs,
      issue_units: body.issue_units ?? 0,
      actor_id: actorId(req),
    },
  })
  res.json({ batch: await batchResponse(req.scope, result.id) })
}
