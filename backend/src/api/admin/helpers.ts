import type { AuthenticatedMedusaRequest, MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/** The logged-in admin's id, recorded as created_by / updated_by. */
export function actorId(req: MedusaRequest): string | null {
  return (req as AuthenticatedMedusaRequest).auth_context?.actor_id ?? null
}

/** ?limit= (default 50, max 500) and ?offset= as the service's skip/take. */
export function page(req: MedusaRequest): { skip: number; take: number; limit: number; offset: number } {
  const limit = Math.min(Math.max(Number(req.query.limit ?? 50) || 50, 1), 500)
  const offset = Math.max(Number(req.query.offset ?? 0) || 0, 0)
  return { skip: offset, take: limit, limit, offset }
}

/** A query-string value as one string, or undefined. */
export function queryText(req: MedusaRequest, name: string): string | undefined {
  const v = req.query[name]
  return typeof v === "string" && v !== "" ? v : undefined
}

export function notFound(what: string, id: string): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_FOUND, `${what} ${id} was not found`)
}

/** The one record, or a 404 naming what was looked for. */
export function found<T>(record: T | undefined, what: string, id: string): T {
  if (!record) throw notFound(what, id)
  return record
}

export function refuse(message: string, code?: string): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, message, code)
}
