// Medusa 2.21's dashboard picks its language with i18next-browser-languagedetector, order cookie "lng" →
// localStorage "lng" → "header" (a server-side lookup that does nothing in a browser), falling back to
// English: the browser's own language is never asked, so a Thai phone got an English login page. The
// admin's extension modules are loaded before the dashboard starts i18next, so this module stores a first
// language where the detector looks, once, when nothing is stored yet. Any later choice (the switch on our
// pages and the login page, or Profile → Language) is cached by i18next in the same places and wins.
// docs/decisions/0057-admin-language.md

export const LANGUAGE_KEY = "lng"
const SUPPORTED = ["th", "en"] as const
export type AdminLanguage = (typeof SUPPORTED)[number]

/** The first supported language among the browser's, else Thai (the group's language). */
export function firstLanguage(browserLanguages: readonly string[]): AdminLanguage {
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split("-")[0]
    const found = SUPPORTED.find((l) => l === base)
    if (found) return found
  }
  return "th"
}

/** Stores the first language unless the user already has one (cookie or localStorage "lng"). */
export function storeFirstLanguage(win: Pick<Window, "document" | "localStorage" | "navigator">): void {
  try {
    const hasCookie = win.document.cookie.split(";").some((c) => c.trim().startsWith(`${LANGUAGE_KEY}=`))
    if (hasCookie || win.localStorage.getItem(LANGUAGE_KEY)) return
    const languages = win.navigator.languages?.length ? win.navigator.languages : [win.navigator.language]
    win.localStorage.setItem(LANGUAGE_KEY, firstLanguage(languages))
  } catch {
    // Storage refused (private mode): the dashboard's own fallback applies.
  }
}
