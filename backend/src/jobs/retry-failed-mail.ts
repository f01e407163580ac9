import type { MedusaContainer } from "@medusajs/framework/types"
import { retryFailedMail } from "../lib/mail/retry"

/** E-mail that failed (SMTP down) goes out again with growing waits (lib/mail/retry.ts). */
export default async function retryFailedMailJob(container: MedusaContainer) {
  await retryFailedMail(container)
}

export const config = { name: "retry-failed-mail", schedule: "* * * * *" }
