import { useTranslation } from "react-i18next"
import { I18N_NAMESPACE } from "../i18n"

/** Our namespace's t() plus date formatting in the admin's language, on Bangkok time. */
export function useT() {
  const { t, i18n } = useTranslation(I18N_NAMESPACE)
  const language = i18n.language || "en"
  const locale = language.startsWith("th") ? "th-TH" : "en-GB"
  const dateTime = (iso: string | null | undefined) =>
    iso ? new Date(iso).toLocaleString(locale, { timeZone: "Asia/Bangkok", dateStyle: "medium", timeStyle: "short" }) : "—"
  return { t: t as (key: string, values?: Record<string, unknown>) => string, language, dateTime }
}
