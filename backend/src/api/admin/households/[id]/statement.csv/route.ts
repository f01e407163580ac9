import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notFound } from "../../../../../lib/errors"
import { householdStatement, statementCsv } from "../../../../../lib/money/statement"
import { validQuery } from "../../../helpers"
import { MonthQuery } from "../../../validators"

/** The monthly statement as CSV for the group's accountant (household private data right required). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { month } = await validQuery(req, MonthQuery)
  const s = await householdStatement(req.scope, req.params.id!, month)
  if (!s) throw notFound({ en: "Household", th: "ครัวเรือน" }, req.params.id!)
  res.setHeader("content-type", "text/csv; charset=utf-8")
  res.setHeader("content-disposition", `attachment; filename="statement-${s.household.code.replace(/[^A-Za-z0-9-]/g, "_")}-${month}.csv"`)
  res.setHeader("cache-control", "no-store")
  res.send(statementCsv(s))
}
