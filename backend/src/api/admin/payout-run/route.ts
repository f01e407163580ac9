import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId } from "@medusajs/framework/utils"
import { bangkokStartOfDay, bangkokToday, sumSatang } from "@mae-mok/traceability"
import { recordPaymentsWorkflow } from "../../../workflows/money/record-payments"
import { traceability } from "../../../lib/traceability/service"
import { actorId, validQuery } from "../helpers"
import { AsOfQuery, type Infer, type PayoutRunCreate } from "../validators"

/**
 * The payout run ("จ่ายเงินรอบเดือน"): every household owed money at the end of `as_of` (Bangkok; default
 * today) with its balance, and those whose balance is negative (paid more than earned) for someone to look
 * at. Household private data right required (middlewares.ts).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { as_of } = await validQuery(req, AsOfQuery)
  const asOf = as_of ?? bangkokToday()
  const service = traceability(req.scope)
  const balances = await service.ledgerBalances(asOf)
  const ids = [...balances.keys()]
  const households = ids.length ? await service.listHouseholds({ id: ids }, { select: ["id", "code", "alias", "village"] }) : []
  const byId = new Map(households.map((h) => [h.id, h]))
  const rows = [...balances]
    .map(([id, balance]) => ({ household_id: id, code: byId.get(id)?.code ?? id, alias: byId.get(id)?.alias ?? "", village: byId.get(id)?.village ?? "", balance_satang: balance }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const payees = rows.filter((r) => r.balance_satang > 0)
  res.json({
    as_of: asOf,
    payees,
    total_satang: sumSatang(payees.map((p) => p.balance_satang)),
    negative: rows.filter((r) => r.balance_satang < 0),
  })
}

/** Records the run's payments in one go (all or none); each is refused above what the household is owed. */
export async function POST(req: MedusaRequest<Infer<typeof PayoutRunCreate>>, res: MedusaResponse) {
  const b = req.validatedBody
  const payoutId = generateEntityId(undefined, "payrun")
  const paidAt = new Date(new Date(bangkokStartOfDay(b.paid_on)).getTime() + 12 * 3600_000).toISOString()
  const { result } = await recordPaymentsWorkflow(req.scope).run({
    input: {
      payments: b.payments.map((p) => ({
        household_id: p.household_id,
        amount_satang: p.amount_satang,
        payout_id: payoutId,
        method: b.method,
        receipt_number: null,
        paid_at: paidAt,
        paid_by_name: b.paid_by_name ?? null,
        booked_by: actorId(req),
      })),
    },
  })
  res.json({
    payout_id: payoutId,
    payments: result.map((e) => ({ ...e, receipt_url: `/admin/households/${e.householdId}/receipts/${payoutId}` })),
    total_satang: sumSatang(result.map((e) => -e.satang)),
  })
}
