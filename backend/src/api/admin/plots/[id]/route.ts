import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deletePlotWorkflow } from "../../../../workflows/traceability/delete-plot"
import { traceability } from "../../../../lib/traceability/service"
import { actorId, found } from "../../helpers"
import type { Infer, PlotUpdate } from "../../validators"
import { plotColumns, plotResponse } from "../plot-response"

async function load(req: MedusaRequest) {
  const [p] = await traceability(req.scope).listPlots({ id: req.params.id })
  return found(p, "Plot", req.params.id)
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const p = await load(req)
  const certs = await traceability(req.scope).listCertifications({ plot_id: p.id })
  res.json({ plot: plotResponse(p, certs) })
}

export async function POST(req: MedusaRequest<Infer<typeof PlotUpdate>>, res: MedusaResponse) {
  const p = await load(req)
  const cols = await plotColumns(req, req.validatedBody)
  const service = traceability(req.scope)
  const updated = await service.updatePlots({ id: p.id, ...cols, updated_by: actorId(req) })
  res.json({ plot: plotResponse(updated, await service.listCertifications({ plot_id: p.id })) })
}

export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const p = await load(req)
  await deletePlotWorkflow(req.scope).run({ input: { plot_id: p.id } })
  res.json({ id: p.id, object: "plot", deleted: true })
}
