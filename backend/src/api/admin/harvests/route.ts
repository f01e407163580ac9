import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { gramsToKg } from "@mae-mok/traceability"
import { traceability } from "../../../lib/traceability/service"
import { recordHarvestWorkflow } from "../../../workflows/traceability/record-harvest"
import { actorId, page, validQuery } from "../helpers"
import { type HarvestCreate, HarvestQuery, type Infer } from "../validators"

type LotRow = { id: string; plot_id: string; grams_harvested: number; grams_used: number } & Record<string, unknown>

function harvestResponse(lot: LotRow, plotCodes: Map<string, string>) {
  const { grams_harvested, grams_used, ...rest } = lot
  return {
    ...rest,
    plot_code: plotCodes.get(lot.plot_id) ?? null,
    kg_harvested: gramsToKg(grams_harvested),
    kg_used: gramsToKg(grams_used),
    kg_left: gramsToKg(grams_harvested - grams_used),
  }
}

async function plotCodes(req: MedusaRequest, plotIds: string[]) {
  const plots = plotIds.length ? await traceability(req.scope).listPlots({ id: [...new Set(plotIds)] }) : []
  return new Map(plots.map((p) => [p.id, p.code]))
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = await validQuery(req, HarvestQuery)
  const { skip, take, limit, offset } = page(query)
  const filters: Record<string, unknown> = {}
  if (query.plot_id) filters.plot_id = query.plot_id
  if (query.species_id) filters.species_id = query.species_id
  const service = traceability(req.scope)
  let [rows, count] = await service.listAndCountHarvestLots(filters, { skip, take, order: { harvested_on: "DESC" } })
  // kg left is a difference of two columns: filtered here (a group's harvests are hundreds, not millions).
  if (query.available === "true") {
    rows = (await service.listHarvestLots(filters, { order: { harvested_on: "DESC" } })).filter((l) => l.grams_used < l.grams_harvested)
    count = rows.length
    rows = rows.slice(skip, skip + take)
  }
  const codes = await plotCodes(req, rows.map((r) => r.plot_id))
  res.json({ harvests: rows.map((r) => harvestResponse(r, codes)), count, limit, offset })
}

export async function POST(req: MedusaRequest<Infer<typeof HarvestCreate>>, res: MedusaResponse) {
  const { result } = await recordHarvestWorkflow(req.scope).run({ input: { ...req.validatedBody, actor_id: actorId(req) } })
  const { lot, purchase } = result
  // The farm-gate purchase of this lot (kg × the committee's price that day); null when no price is set.
  res.json({ harvest: { ...harvestResponse(lot, await plotCodes(req, [lot.plot_id])), purchase } })
}
