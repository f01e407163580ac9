import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import MailNotificationService from "./service"

/** Notification provider "mail" (channel "email"): SMTP through nodemailer, or the outbox folder without SMTP. */
export default ModuleProvider(Modules.NOTIFICATION, { services: [MailNotificationService] })
