import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sumSatang } from "@mae-mok/traceability"
import { bookOrderSharesWorkflow } from "../../../../../workflows/money/book-order-shares"
import { traceability } from "../../../../../lib/traceability/service"
import { requireOrder } from "../../../helpers"

/** The order's household ledger entries (sales shares and reversals) and their sum. Private right required. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireOrder(req, req.params.id!)
  const entries = await traceability(req.scope).listLedger({ order_id: req.params.id! })
  res.json({ order_id: req.params.id, entries, total_satang: sumSatang(entries.map((e) => e.satang)) })
}

/** Books what is missing now (after units were allocated by hand, or to retry a failed event). */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await requireOrder(req, req.params.id!)
  const { result } = await bookOrderSharesWorkflow(req.scope).run({ input: { order_id: req.params.id! } })
  const entries = await traceability(req.scope).listLedger({ order_id: req.params.id! })
  res.json({ order_id: req.params.id, booked: result.booked.booked.length, waiting: result.plan.waiting, entries, total_satang: sumSatang(entries.map((e) => e.satang)) })
}
