import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { HOUSEHOLD_PRIVATE_FLAG, hasHouseholdPrivateRight, isStoreOwner } from "../../../lib/auth/household-private"

/** The admin users and who may see household private data (store owner only, middlewares.ts). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const users = (await req.scope.resolve(Modules.USER).listUsers({}, { select: ["id", "email", "first_name", "last_name", "metadata"] })) as {
    id: string
    email: string
    first_name: string | null
    last_name: string | null
    metadata: Record<string, unknown> | null
  }[]
  res.json({
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: [u.first_name, u.last_name].filter(Boolean).join(" "),
      store_owner: isStoreOwner(u),
      [HOUSEHOLD_PRIVATE_FLAG]: hasHouseholdPrivateRight(u),
    })),
  })
}
