import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readEnv } from "../env"

/** A write still unfinished after this long belongs to no live request (they take seconds). */
export const STALE_AFTER_MS = 10 * 60_000

/**
 * Rows written before the returned instant (database clock) and still incomplete were left by a
 * process that died. With one process (no REDIS_URL) that is everything older than this process:
 * nothing else can be writing. With several processes sharing Redis, only age tells.
 */
export async function interruptedBefore(container: Pick<MedusaContainer, "resolve">): Promise<Date> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await knex.raw("select now() as now")
  const now = new Date(rows[0].now).getTime()
  const stale = now - STALE_AFTER_MS
  if (readEnv().redisUrl) return new Date(stale)
  // process.uptime() is monotonic: the database's clock at this process's start, whatever the wall clocks say.
  return new Date(Math.max(stale, now - process.uptime() * 1000))
}
