import type { AuthenticatedMedusaRequest, MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { notFound } from "../../lib/errors"
import { zodValidator } from "@medusajs/framework"
import type { z } from "@medusajs/framework/zod"

/** The logged-in admin's id, recorded as created_by / updated_by. */
export function actorId(req: MedusaRequest): string | null {
  return (req as AuthenticatedMedusaRequest).auth_context?.actor_id ?? null
}

/** The request's query string checked against its schema (validators.ts); a refusal names the parameter. */
export function validQuery<T extends z.ZodTypeAny>(req: MedusaRequest, schema: T): Promise<z.output<T>> {
  return zodValidator(schema, req.query) as Promise<z.output<T>>
}

/** Validated ?limit= (default 50, max 500) and ?offset= as the service's skip/take. */
export function page(query: { limit?: number; offset?: number }): { skip: number; take: number; limit: number; offset: number } {
  const limit = query.limit ?? 50
  const offset = query.offset ?? 0
  return { skip: offset, take: limit, limit, offset }
}

/** What the admin API looks records up by, in English and Thai (for 404s). */
const WHAT = {
  Batch: "ล็อตการผลิต",
  Certification: "ใบรับรอง",
  "Herb species": "ชนิดสมุนไพร",
  "Harvest lot": "ล็อตเก็บเกี่ยว",
  Household: "ครัวเรือน",
  "Label unit": "ฉลากสินค้า",
  Plot: "แปลงปลูก",
} as const

/** The one record, or a 404 naming what was looked for (AppError: English and Thai). */
export function found<T>(record: T | undefined | null, what: keyof typeof WHAT, id: string): T {
  if (!record) throw notFound({ en: what, th: WHAT[what] }, id)
  return record
}

/** A 404 (English and Thai) unless the order exists: for routes that read the order's own records by its id. */
export async function requireOrder(req: MedusaRequest, id: string): Promise<void> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id"], filters: { id } })
  if (!data[0]) throw notFound({ en: "Order", th: "คำสั่งซื้อ" }, id)
}
