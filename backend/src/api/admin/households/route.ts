import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { traceability } from "../../../lib/traceability/service"
import { actorId, page, validQuery } from "../helpers"
import { type HouseholdCreate, HouseholdQuery, type Infer } from "../validators"
import { assertAliasAccepted, householdColumns } from "./consent"
import { householdResponse } from "./household-response"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = await validQuery(req, HouseholdQuery)
  const { skip, take, limit, offset } = page(query)
  const q = query.q
  const filters = q ? { $or: ["code", "alias", "village"].map((f) => ({ [f]: { $ilike: `%${q}%` } })) } : {}
  const [rows, count] = await traceability(req.scope).listAndCountHouseholds(filters, { skip, take, order: { code: "ASC" } })
  res.json({ households: rows.map((h) => householdResponse(h)), count, limit, offset })
}

export async function POST(req: MedusaRequest<Infer<typeof HouseholdCreate>>, res: MedusaResponse) {
  assertAliasAccepted(req.validatedBody, null)
  const created = await traceability(req.scope).createHouseholds(householdColumns(req.validatedBody, null, actorId(req)))
  res.json({ household: householdResponse(created) })
}
