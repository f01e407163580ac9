import { useTranslation } from "react-i18next"
import { I18N_NAMESPACE } from "../i18n"

/** Our namespace's t() plus date formatting in the admin's language, on Bangkok time. */
export function useT() {
  const { t, i18n } = useTranslation(I18N_NAMESPACE)
  const language = i18n.language || "en"
  const locale = language.startsWith("th") ? "th-TH" : "en-GB"
  const dateTime = (iso: string | null | undefined) =>
    iso ? new Date(iso).toLocaleString(locale, { timeZone: "Asia/Bangkok", dateStyle: "medium", timeStyle: "short" }) : "—"
  // A calendar date (YYYY-MM-DD, already Bangkok's): Buddhist era in Thai ("2 ธ.ค. 2569"), like the shop.
  const date = (day: string | null | undefined) => {
    if (!day) return "—"
    const [y, m, d] = day.split("-").map(Number) as [number, number, number]
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale, { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" })
  }
  return { t: t as (key: string, values?: Record<string, unknown>) => string, language, dateTime, date }
}
