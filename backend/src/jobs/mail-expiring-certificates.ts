import type { MedusaContainer } from "@medusajs/framework/types"
import { mailExpiringCertificates } from "../lib/mail/certificates"

/** Every morning (08:00 Bangkok): plot certificates within 30 days of expiry, mailed to the group once each. */
export default async function mailExpiringCertificatesJob(container: MedusaContainer) {
  await mailExpiringCertificates(container)
}

export const config = { name: "mail-expiring-certificates", schedule: "0 1 * * *" }
