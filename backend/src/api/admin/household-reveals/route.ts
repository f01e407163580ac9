import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { traceability } from "../../../lib/traceability/service"

/** The reveal log, newest first, for the store owner (middlewares.ts): who saw which field of which household, when. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service = traceability(req.scope)
  const reveals = await service.listPrivateDataReveals({}, { order: { revealed_at: "DESC" }, take: 500 })
  const householdIds = [...new Set(reveals.map((r) => r.household_id))]
  const userIds = [...new Set(reveals.map((r) => r.user_id))]
  const households = householdIds.length ? await service.listHouseholds({ id: householdIds }, { withDeleted: true }) : []
  const users = userIds.length ? await req.scope.resolve(Modules.USER).listUsers({ id: userIds }, { select: ["id", "email"], withDeleted: true }) : []
  const household = new Map(households.map((h) => [h.id, { id: h.id, code: h.code, alias: h.alias }]))
  const email = new Map(users.map((u) => [u.id, u.email]))
  res.setHeader("cache-control", "private, no-store")
  res.json({
    reveals: reveals.map((r) => ({
      id: r.id,
      revealed_at: r.revealed_at,
      field: r.field,
      household: household.get(r.household_id) ?? { id: r.household_id, code: null, alias: null },
      user: { id: r.user_id, email: email.get(r.user_id) ?? null },
    })),
  })
}
