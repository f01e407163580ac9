import { clx } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

/**
 * One click to the other language (Thai ⇄ English). i18next caches the choice in the cookie and localStorage
 * "lng", where the dashboard reads it on the next visit (lib/first-language.ts).
 */
export function LanguageSwitch(props: { className?: string }) {
  const { i18n } = useTranslation()
  const thai = (i18n.language || "th").startsWith("th")
  const next = thai ? "en" : "th"
  return (
    <button
      type="button"
      lang={next}
      data-testid="language-switch"
      onClick={() => void i18n.changeLanguage(next)}
      className={clx(
        "txt-compact-small-plus bg-ui-bg-base text-ui-fg-subtle hover:text-ui-fg-base shadow-borders-base rounded-full px-3 py-1.5",
        props.className
      )}
    >
      {thai ? "English" : "ภาษาไทย"}
    </button>
  )
}
