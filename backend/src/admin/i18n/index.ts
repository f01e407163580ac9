import { en } from "./en"
import { th } from "./th"

// Loaded by the admin (admin-sdk i18n; route configs name the namespace as the literal "maemok",
// which the admin build reads statically): language → namespace → keys. The dashboard picks the
// language from the user's profile setting; English is its fallback.
export const I18N_NAMESPACE = "maemok"

export default {
  th: { [I18N_NAMESPACE]: th },
  en: { [I18N_NAMESPACE]: en },
}
