import type { Params } from "@remix-run/react"
import { localeFromParam, translator, type Locale, type Translate } from "~/i18n"

/** The page's language from the optional `($lang)` segment; any other first segment is not a page. */
export function requireLocale(params: Params): { locale: Locale; t: Translate } {
  const locale = localeFromParam(params.lang)
  if (!locale) throw new Response("Not found", { status: 404 })
  return { locale, t: translator(locale) }
}
