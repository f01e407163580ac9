import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

const MIN_WAIT_MS = 30_000
const MAX_WAIT_MS = 60 * 60_000
/** After this long a message is left failed (the admin outbox still shows it). */
export const GIVE_UP_AFTER_MS = 3 * 24 * 60 * 60_000

/**
 * Backoff without a counter: the wait before the next attempt is as long as the message has already been failing
 * (updated_at − created_at), at least 30 s and at most an hour: 30 s, 30 s, 1 min, 2 min, 4 min … 1 h.
 */
export function retryIsDue(createdAt: Date, updatedAt: Date, now: Date): boolean {
  const age = now.getTime() - createdAt.getTime()
  if (age > GIVE_UP_AFTER_MS) return false
  const failingFor = updatedAt.getTime() - createdAt.getTime()
  const wait = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, failingFor))
  return now.getTime() - updatedAt.getTime() >= wait
}

/**
 * Sends failed e-mail notifications again through Medusa's notification module, each under its own id and
 * idempotency key (the module re-sends a "failure" and updates the same row). `force` ignores the backoff (the
 * admin's "send again now"). Returns how many were tried and how many went out.
 */
export async function retryFailedMail(container: MedusaContainer, options: { force?: boolean; now?: Date } = {}) {
  const now = options.now ?? new Date()
  const notifications = container.resolve(Modules.NOTIFICATION)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  type Stored = Awaited<ReturnType<typeof notifications.listNotifications>>[number] & { idempotency_key?: string | null; updated_at?: Date }
  const failed: Stored[] = await notifications.listNotifications({ channel: "email", status: "failure" } as never, {
    take: 200,
    order: { created_at: "ASC" },
  })
  const due = failed.filter(
    (n) => n.idempotency_key && (options.force || retryIsDue(new Date(n.created_at), new Date(n.updated_at ?? n.created_at), now))
  )
  let sent = 0
  for (const n of due) {
    try {
      await notifications.createNotifications({
        id: n.id,
        to: n.to,
        channel: n.channel,
        template: n.template,
        data: n.data,
        idempotency_key: n.idempotency_key,
        resource_id: n.resource_id,
        resource_type: n.resource_type,
      } as never)
      sent++
    } catch (err) {
      logger.warn(`mail retry: "${n.template}" (${n.id}) failed again: ${String((err as Error).message).split("\n").pop()}`)
    }
  }
  return { tried: due.length, sent }
}
