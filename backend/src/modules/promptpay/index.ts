import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import PromptPayProviderService from "./service"

/** Payment module provider "promptpay": registered in medusa-config.ts only when PROMPTPAY_ID is set. */
export default ModuleProvider(Modules.PAYMENT, { services: [PromptPayProviderService] })
