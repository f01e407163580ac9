import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MASKED, maySeeHouseholdPrivate } from "../../../../../lib/auth/household-private"
import { notFound } from "../../../../../lib/errors"
import { householdStatement } from "../../../../../lib/money/statement"
import { traceability } from "../../../../../lib/traceability/service"
import { validQuery } from "../../../helpers"
import { MonthQuery } from "../../../validators"

/**
 * A household's statement for a Bangkok month: opening balance, farm-gate purchases, sales shares (with the
 * orders and batches behind them), reversals, payments, closing balance owed. Masked (no amounts, no lines)
 * for admin users without the household private data right.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { month } = await validQuery(req, MonthQuery)
  const id = req.params.id!
  if (!(await maySeeHouseholdPrivate(req))) {
    const [h] = await traceability(req.scope).listHouseholds({ id }, { select: ["id", "code", "alias"] })
    if (!h) throw notFound({ en: "Household", th: "ครัวเรือน" }, id)
    return void res.json({ statement: { masked: true, household: h, month, opening_balance: MASKED, closing_balance: MASKED, lines: [] } })
  }
  const s = await householdStatement(req.scope, id, month)
  if (!s) throw notFound({ en: "Household", th: "ครัวเรือน" }, id)
  const { entries: _entries, ...rest } = s
  res.json({ statement: { masked: false, ...rest } })
}
