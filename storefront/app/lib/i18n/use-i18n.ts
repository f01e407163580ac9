import { useLocation } from "@remix-run/react"
import { localeFromPath, localePath, translator, type Locale, type Translate } from "~/i18n"

/** Language of the current page (from the URL) with its translator and a path helper. */
export function useI18n(): { locale: Locale; t: Translate; lp: (path: string) => string } {
  const { pathname } = useLocation()
  const locale = localeFromPath(pathname)
  return { locale, t: translator(locale), lp: (path: string) => localePath(locale, path) }
}
