import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { readEnv } from "../env"
import { forbidden } from "../errors"

/**
 * "May see household private data" (docs/decisions/0036-household-private-data-right.md): a flag on the admin
 * user (`metadata.may_see_household_private`), granted and withdrawn only by the store owner — the admin
 * user of MEDUSA_ADMIN_EMAIL, who always has it. Household money (ledger, statements, balances, payout runs,
 * receipts, the impact view) is shown only to users with the right; everyone else gets it masked (JSON) or a
 * 403 (files and writes).
 */
export const HOUSEHOLD_PRIVATE_FLAG = "may_see_household_private"

type UserRow = { id: string; email: string; metadata?: Record<string, unknown> | null }

async function currentUser(req: MedusaRequest): Promise<UserRow | null> {
  const id = (req as AuthenticatedMedusaRequest).auth_context?.actor_id
  if (!id || (req as AuthenticatedMedusaRequest).auth_context?.actor_type !== "user") return null
  const users = await req.scope.resolve(Modules.USER).listUsers({ id: [id] }, { select: ["id", "email", "metadata"] })
  return (users[0] as UserRow | undefined) ?? null
}

export function isStoreOwner(user: Pick<UserRow, "email">): boolean {
  return user.email.toLowerCase() === readEnv().adminEmail.toLowerCase()
}

export function hasHouseholdPrivateRight(user: UserRow): boolean {
  return isStoreOwner(user) || user.metadata?.[HOUSEHOLD_PRIVATE_FLAG] === true
}

/** Whether the admin user asking may see household private data (memoised on the request). */
export async function maySeeHouseholdPrivate(req: MedusaRequest): Promise<boolean> {
  const r = req as MedusaRequest & { __householdPrivate?: boolean }
  if (r.__householdPrivate === undefined) {
    const user = await currentUser(req)
    r.__householdPrivate = user !== null && hasHouseholdPrivateRight(user)
  }
  return r.__householdPrivate
}

const refusal = {
  code: "HOUSEHOLD_PRIVATE_FORBIDDEN",
  message: "Household money and private data are shown only to admin users the store owner granted \"may see household private data\".",
  message_th: "ข้อมูลการเงินและข้อมูลส่วนตัวของครัวเรือนแสดงเฉพาะผู้ใช้ที่เจ้าของร้านอนุญาต \"ดูข้อมูลส่วนตัวของครัวเรือน\"",
}

/** Middleware: 403 unless the user has the right (files, writes). */
export async function requireHouseholdPrivate(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    if (!(await maySeeHouseholdPrivate(req))) return next(forbidden(refusal))
    next()
  } catch (err) {
    next(err)
  }
}

/** Middleware: 403 unless the user is the store owner (granting the right). */
export async function requireStoreOwner(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const user = await currentUser(req)
    if (!user || !isStoreOwner(user)) {
      return next(
        forbidden({
          code: "STORE_OWNER_ONLY",
          message: "Only the store owner grants or withdraws the right to see household private data.",
          message_th: "เฉพาะเจ้าของร้านเท่านั้นที่ให้หรือถอนสิทธิ์ดูข้อมูลส่วนตัวของครัวเรือน",
        })
      )
    }
    next()
  } catch (err) {
    next(err)
  }
}

/** A household's private columns: masked in every admin answer, shown one at a time through a logged reveal. */
export const HOUSEHOLD_PRIVATE_FIELDS = ["family_name", "poverty_tier", "poverty_status", "national_id", "phone", "income_thb_per_year", "address", "tpmap_data"] as const
export type HouseholdPrivateField = (typeof HOUSEHOLD_PRIVATE_FIELDS)[number]

/** The masked form of a private value. */
export const MASKED = "•••"
