import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { addDays, bangkokToday } from "@mae-mok/traceability"
import { traceability } from "../traceability/service"
import { readEnv } from "../env"
import { readMailSettings } from "./settings"

/** How many days before a certificate's last valid day the group is told. */
export const CERTIFICATE_WARNING_DAYS = 30

/**
 * Active plot certificates whose last valid day is within CERTIFICATE_WARNING_DAYS: one mail to the group per
 * certificate and expiry date (a renewed certificate with a new date is told again). Only codes and the
 * certificate's own fields: no household data. Returns how many certificates were due.
 */
export async function mailExpiringCertificates(container: MedusaContainer, now = new Date()): Promise<number> {
  const today = bangkokToday(now)
  const until = addDays(today, CERTIFICATE_WARNING_DAYS)
  const service = traceability(container)
  const certs = (await service.listCertifications({ status: "active" })).filter((c) => c.valid_until >= today && c.valid_until <= until)
  if (certs.length === 0) return 0
  const plots = await service.listPlots({ id: [...new Set(certs.map((c) => c.plot_id))] })
  const plotCode = new Map(plots.map((p) => [p.id, p.code]))
  const notifications = container.resolve(Modules.NOTIFICATION)
  for (const c of certs) {
    try {
      await notifications.createNotifications({
        to: readMailSettings().shopEmail,
        channel: "email",
        template: "shop-certificate-expiring",
        idempotency_key: `certificate-expiring-${c.id}-${c.valid_until}`,
        resource_id: c.id,
        resource_type: "certification",
        data: {
          scheme: c.scheme,
          certificate_number: c.certificate_number,
          certifying_body: c.certifying_body,
          valid_until: c.valid_until,
          plot_code: plotCode.get(c.plot_id) ?? "",
          admin_url: `${readEnv().backendUrl}/app/traceability/plots/${c.plot_id}`,
        },
      })
    } catch (err) {
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`certificate-expiring: mail failed, the retry job sends it later: ${String((err as Error).message).split("\n").pop()}`)
    }
  }
  return certs.length
}
