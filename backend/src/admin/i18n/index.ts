import { storeFirstLanguage } from "../lib/first-language"
import { en } from "./en"
import { th } from "./th"

// Before the dashboard starts i18next: a first visit gets the browser's language, else Thai.
if (typeof window !== "undefined") storeFirstLanguage(window)

// Loaded by the admin (admin-sdk i18n; route configs name the namespace as the literal "maemok",
// which the admin build reads statically): language → namespace → keys. The dashboard picks the
// language from the user's choice (cookie/localStorage "lng"); a first visit gets the browser's language
// or Thai (lib/first-language.ts).
export const I18N_NAMESPACE = "maemok"

export default {
  th: { [I18N_NAMESPACE]: th },
  en: { [I18N_NAMESPACE]: en },
}
