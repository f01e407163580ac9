import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { LanguageSwitch } from "../components/language-switch"

/**
 * The one-click language switch on Medusa's own main pages too (decision 0057), so a member need not find
 * Profile → Language; our traceability pages have it in their nav, the login page in login-language.tsx.
 */
const PageLanguageWidget = () => (
  <div className="flex justify-end">
    <LanguageSwitch />
  </div>
)

// Zone names from @medusajs/admin-shared (INJECTION_ZONES) of Medusa 2.21; the build refuses an unknown one.
export const config = defineWidgetConfig({
  zone: [
    "product.list.before",
    "product.details.before",
    "order.list.before",
    "order.details.before",
    "customer.list.before",
    "customer.details.before",
    "inventory_item.list.before",
    "promotion.list.before",
    "store.details.before",
    "profile.details.before",
  ],
})

export default PageLanguageWidget
