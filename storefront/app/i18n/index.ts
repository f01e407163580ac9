import { en } from "./en"
import { th, type MessageKey } from "./th"

export type Locale = "th" | "en"
export type { MessageKey }
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

const catalogues: Record<Locale, Record<MessageKey, string>> = { th, en }

/** Thai at "/", English under "/en". Anything else in the optional segment is not a page. */
export function localeFromParam(lang: string | undefined): Locale | null {
  if (lang === undefined) return "th"
  return lang === "en" ? "en" : null
}

export function localeFromPath(pathname: string): Locale {
  return pathname === "/en" || pathname.startsWith("/en/") ? "en" : "th"
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale]
  return (key, vars) => {
    const text = messages[key]
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text
  }
}

/** A path in the given language: "/products" → "/en/products" for English. */
export function localePath(locale: Locale, path: string): string {
  if (locale === "th") return path
  return path === "/" ? "/en" : `/en${path}`
}

/** The same page in the other language (keeps the query so shared links stay shareable). */
export function switchLocalePath(pathname: string, search: string): string {
  const current = localeFromPath(pathname)
  const bare = current === "en" ? pathname.slice(3) || "/" : pathname
  return localePath(current === "en" ? "th" : "en", bare) + search
}
