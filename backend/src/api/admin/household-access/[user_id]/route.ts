import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { HOUSEHOLD_PRIVATE_FLAG, hasHouseholdPrivateRight, isStoreOwner } from "../../../../lib/auth/household-private"
import { notAllowed, notFound } from "../../../../lib/errors"
import type { HouseholdAccess, Infer } from "../../validators"

/** The store owner grants or withdraws "may see household private data" for one admin user. */
export async function POST(req: MedusaRequest<Infer<typeof HouseholdAccess>>, res: MedusaResponse) {
  const users = req.scope.resolve(Modules.USER)
  const id = req.params.user_id!
  const [user] = (await users.listUsers({ id: [id] }, { select: ["id", "email", "metadata"] })) as { id: string; email: string; metadata: Record<string, unknown> | null }[]
  if (!user) throw notFound({ en: "Admin user", th: "ผู้ใช้" }, id)
  if (isStoreOwner(user)) {
    throw notAllowed({ code: "STORE_OWNER_ALWAYS", message: "The store owner always has this right.", message_th: "เจ้าของร้านมีสิทธิ์นี้เสมอ" })
  }
  const updated = await users.updateUsers({ id, metadata: { ...(user.metadata ?? {}), [HOUSEHOLD_PRIVATE_FLAG]: req.validatedBody.allowed } })
  res.json({ user: { id: updated.id, email: updated.email, [HOUSEHOLD_PRIVATE_FLAG]: hasHouseholdPrivateRight(updated as typeof user) } })
}
