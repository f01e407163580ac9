import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { LanguageSwitch } from "../components/language-switch"

/** On the login page: the language switch, before anyone can reach Profile → Language. */
const LoginLanguageWidget = () => (
  <div className="flex justify-center">
    <LanguageSwitch />
  </div>
)

export const config = defineWidgetConfig({ zone: "login.after" })

export default LoginLanguageWidget
