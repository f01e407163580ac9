import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import HardenedEmailPassService from "./service"

/** The "emailpass" auth provider (customers and admin users), with the password policy and equal timing. */
export default ModuleProvider(Modules.AUTH, { services: [HardenedEmailPassService] })
