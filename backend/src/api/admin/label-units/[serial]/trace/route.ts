import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { backwardTrace } from "../../../../../lib/fulfilment/backward-trace"
import { traceability } from "../../../../../lib/traceability/service"
import { found } from "../../../helpers"

// GET /admin/label-units/:serial/trace — backward trace of one unit: its order (when packed or allocated), its
// batch, the harvest lots, plots and households behind it (issue 12).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service = traceability(req.scope)
  const [unit] = await service.listLabelUnits({ serial: req.params.serial }, { select: ["id", "serial", "batch_id"] })
  found(unit, "Label unit", req.params.serial)
  const [allocation] = await service.listUnitAllocations({ label_unit_id: unit!.id, released_at: null }, { select: ["order_id", "method"] })
  const trace = await backwardTrace(req.scope, [
    { batch_id: unit!.batch_id, unit: { serial: unit!.serial, order_id: allocation?.order_id ?? null, method: allocation?.method ?? null } },
  ])
  res.json({ serial: unit!.serial, ...trace })
}
