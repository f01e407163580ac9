import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { mailRecallNotices } from "../lib/mail/recall"
import { BATCH_RECALLED } from "../workflows/traceability/set-batch-status"

/** A batch was recalled: each buyer with units of it gets one notice (lib/mail/recall.ts; once per buyer and batch). */
export default async function recallNoticeMail({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await mailRecallNotices(container, event.data.id)
  } catch (err) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`recall-notice: could not list the buyers of batch ${event.data.id}: ${String((err as Error).message)}`)
    throw err
  }
}

export const config: SubscriberConfig = { event: BATCH_RECALLED }
