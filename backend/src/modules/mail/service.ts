import crypto from "node:crypto"
import fs from "node:fs/promises"
import path from "node:path"
import type { Logger, ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { AbstractNotificationProviderService, MedusaError } from "@medusajs/framework/utils"
import nodemailer, { type Transporter } from "nodemailer"
import { readMailSettings, type MailSettings } from "../../lib/mail/settings"
import { isTemplateName, PROMPTPAY_QR_CID, renderMail } from "../../lib/mail/templates/messages"
import { promptPayQrDataUrl } from "../promptpay/payload"

type SentNotification = ProviderSendNotificationDTO & { id?: string; idempotency_key?: string | null }

/**
 * The "mail" notification provider (channel "email", docs/decisions/0040-e-mail.md): renders the template named
 * by the notification (lib/mail/templates) and sends it with nodemailer over SMTP (SMTP_URL or SMTP_HOST …), or,
 * without SMTP settings, writes it as an .eml file to the outbox folder that the admin lists.
 *
 * A failed send throws: Medusa's notification module marks the notification "failure" and the retry job
 * (jobs/retry-failed-mail.ts) sends it again with growing waits, under the same idempotency key.
 */
export default class MailNotificationService extends AbstractNotificationProviderService {
  static override identifier = "mail"

  private readonly settings: MailSettings
  private readonly transport: Transporter
  private readonly logger: Logger

  constructor({ logger }: { logger: Logger }) {
    super()
    this.logger = logger
    this.settings = readMailSettings()
    this.transport = this.settings.smtp
      ? nodemailer.createTransport(
          typeof this.settings.smtp === "string"
            ? this.settings.smtp
            : { ...this.settings.smtp, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }
        )
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" })
  }

  override async send(notification: SentNotification): Promise<ProviderSendNotificationResultsDTO> {
    const { template, to } = notification
    if (!isTemplateName(template)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `mail: no template "${template}"`)
    }
    const rendered = await renderMail(template, (notification.data ?? {}) as never, this.settings)
    // The same Message-ID on every attempt: a receiver that got the first attempt after all can drop the repeat.
    const key = notification.idempotency_key || notification.id || crypto.randomUUID()
    const domain = /@([^>\s]+)/.exec(this.settings.from)?.[1] ?? "maemok.local"
    const messageId = `<${crypto.createHash("sha256").update(key).digest("hex").slice(0, 32)}@${domain}>`
    // The PromptPay QR travels inside the mail (cid:), since mail readers block images from the web.
    const promptpay = (notification.data as { promptpay?: { payload?: unknown } | null } | null)?.promptpay
    const attachments =
      template === "order-placed" && typeof promptpay?.payload === "string"
        ? [{ filename: "promptpay-qr.png", cid: PROMPTPAY_QR_CID, content: (await promptPayQrDataUrl(promptpay.payload)).split(",")[1]!, encoding: "base64" }]
        : []
    const info = await this.transport.sendMail({
      attachments,
      from: this.settings.from,
      to,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId,
      headers: { "X-Mae-Mok-Template": template },
    })
    if (!this.settings.smtp) {
      const dir = this.settings.outboxDir
      await fs.mkdir(dir, { recursive: true, mode: 0o700 })
      const stamp = new Date().toISOString().replace(/[:.]/g, "-")
      const file = path.join(dir, `${stamp}-${template}-${crypto.randomBytes(4).toString("hex")}.eml`)
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 })
      this.logger.info(`mail: "${template}" written to the outbox (${path.basename(file)}); no SMTP settings`)
    } else {
      this.logger.info(`mail: "${template}" sent over SMTP`)
    }
    return { id: messageId }
  }
}
