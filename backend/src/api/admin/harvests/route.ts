import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordHarvestWorkflow } from "../../../workflows/traceability/record-harvest"
import { actorId, page, validQuery } from "../helpers"
import { type HarvestCreate, HarvestQuery, type Infer } from "../validators"
import { traceability } from "../../../lib/traceability/service"
import { correctionsOf, harvestResponse, plotCodes } from "./harvest-response"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = await validQuery(req, HarvestQuery)
  const { skip, take, limit, offset } = page(query)
  const filters: Record<string, unknown> = {}
  if (query.plot_id) filters.plot_id = query.plot_id
  if (query.species_id) filters.species_id = query.species_id
  const service = traceability(req.scope)
  let [rows, count] = await service.listAndCountHarvestLots(filters, { skip, take, order: { harvested_on: "DESC" } })
  // kg left is a difference of two columns: filtered here (a group's harvests are hundreds, not millions).
  // A voided lot has nothing a batch may use (decision 0067).
  if (query.available === "true") {
    rows = (await service.listHarvestLots(filters, { order: { harvested_on: "DESC" } })).filter((l) => l.grams_used < l.grams_harvested && l.voided_at == null)
    count = rows.length
    rows = rows.slice(skip, skip + take)
  }
  const ids = rows.map((r) => r.id)
  const [codes, corrections] = await Promise.all([plotCodes(req, rows.map((r) => r.plot_id)), correctionsOf(req, ids)])
  res.json({ harvests: rows.map((r) => harvestResponse(r, codes, corrections)), count, limit, offset })
}

export async function POST(req: MedusaRequest<Infer<typeof HarvestCreate>>, res: MedusaResponse) {
  const { result } = await recordHarvestWorkflow(req.scope).run({ input: { ...req.validatedBody, actor_id: actorId(req) } })
  const { lot, purchase } = result
  // The farm-gate purchase of this lot (kg × the committee's price that day); null when no price is set.
  res.json({ harvest: { ...harvestResponse(lot, await plotCodes(req, [lot.plot_id])), purchase } })
}
