import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId } from "@medusajs/framework/utils"
import { bangkokStartOfDay } from "@mae-mok/traceability"
import { notFound } from "../../../../../lib/errors"
import { recordPaymentsWorkflow } from "../../../../../workflows/money/record-payments"
import { traceability } from "../../../../../lib/traceability/service"
import { actorId } from "../../../helpers"
import type { HouseholdPayment, Infer } from "../../../validators"

/**
 * Records a payment to the household (cash, bank transfer, PromptPay) with its day, receipt number and who
 * paid; refused above what the household is owed. Answers the payment and its receipt's address.
 */
export async function POST(req: MedusaRequest<Infer<typeof HouseholdPayment>>, res: MedusaResponse) {
  const id = req.params.id!
  const [h] = await traceability(req.scope).listHouseholds({ id }, { select: ["id"] })
  if (!h) throw notFound({ en: "Household", th: "ครัวเรือน" }, id)
  const b = req.validatedBody
  const payoutId = generateEntityId(undefined, "pay")
  // Noon in Bangkok on the day paid: the entry falls in that Bangkok day and month.
  const paidAt = new Date(new Date(bangkokStartOfDay(b.paid_on)).getTime() + 12 * 3600_000).toISOString()
  const { result } = await recordPaymentsWorkflow(req.scope).run({
    input: {
      payments: [
        {
          household_id: id,
          amount_satang: b.amount_satang,
          payout_id: payoutId,
          method: b.method,
          receipt_number: b.receipt_number ?? null,
          paid_at: paidAt,
          paid_by_name: b.paid_by_name ?? null,
          booked_by: actorId(req),
        },
      ],
    },
  })
  const entry = result[0]!
  res.json({ payment: { ...entry, payout_id: payoutId, receipt_url: `/admin/households/${id}/receipts/${payoutId}` } })
}
