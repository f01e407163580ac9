import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { traceability } from "../../../lib/traceability/service"
import { actorId, page, validQuery } from "../helpers"
import { type Infer, type PlotCreate, PlotQuery } from "../validators"
import { plotColumns, plotResponse } from "./plot-response"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = await validQuery(req, PlotQuery)
  const { skip, take, limit, offset } = page(query)
  const household_id = query.household_id
  const service = traceability(req.scope)
  const [plots, count] = await service.listAndCountPlots(household_id ? { household_id } : {}, { skip, take, order: { code: "ASC" } })
  const certs = plots.length ? await service.listCertifications({ plot_id: plots.map((p) => p.id) }) : []
  res.json({ plots: plots.map((p) => plotResponse(p, certs)), count, limit, offset })
}

export async function POST(req: MedusaRequest<Infer<typeof PlotCreate>>, res: MedusaResponse) {
  const actor = actorId(req)
  const cols = await plotColumns(req, req.validatedBody)
  const plot = await traceability(req.scope).createPlots({ ...cols, created_by: actor, updated_by: actor })
  res.json({ plot: plotResponse(plot, []) })
}
