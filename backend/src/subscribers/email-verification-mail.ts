import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { sendVerification } from "../lib/auth/email-verification"
import { inMailQueue } from "../lib/mail/queue"

/** A customer registered (an account, not a guest's record): mail the verification link, once per account. */
export default async function emailVerificationMail({ event, container }: SubscriberArgs<{ id: string }>) {
  await inMailQueue(() => sendVerification(container, event.data.id, true))
}

export const config: SubscriberConfig = { event: "customer.created" }
