import type { Locale } from "~/i18n"

/**
 * THE fallback rule for texts the group enters in Thai and optionally in English (decision 0068): the Thai
 * page shows the Thai; the English page shows the English when one was entered, else the Thai as entered,
 * marked lang="th" so screen readers, fonts and translators read it as Thai. Every public page goes
 * through shown()/<Say>, never a component's own `en || th`.
 */
export type Shown = { text: string; lang: Locale }

/** A text, or a phrase of plain (page-language) strings and shown texts, e.g. a place line. */
export type Phrase = readonly (string | Shown)[]

export function shown(locale: Locale, th: string, en?: string | null): Shown {
  const english = en?.trim()
  return locale === "en" && english ? { text: english, lang: "en" } : { text: th, lang: "th" }
}

/** The words of a shown text or phrase (for attributes and titles, which cannot mark a language inside them). */
export function plain(value: Shown | Phrase): string {
  return "text" in value ? value.text : value.map((part) => (typeof part === "string" ? part : part.text)).join("")
}

/** Renders a shown text or phrase; a part in another language than the page's is wrapped in <span lang>. */
export function Say({ locale, value }: { locale: Locale; value: Shown | Phrase }) {
  const parts = "text" in value ? [value] : value
  return (
    <>
      {parts.map((part, i) =>
        typeof part === "string" || part.lang === locale ? (
          typeof part === "string" ? part : part.text
        ) : (
          <span key={i} lang={part.lang}>
            {part.text}
          </span>
        ),
      )}
    </>
  )
}

const SLOT = "\u0001"

/**
 * A translated sentence with one shown text in it, as a phrase: `t` fills the slot, the phrase keeps the
 * text's language mark (e.g. "Plot of {household}" with a Thai alias on the English page).
 */
export function sentence(fill: (slot: string) => string, value: Shown): Phrase {
  return fill(SLOT)
    .split(SLOT)
    .flatMap((part, i) => (i === 0 ? [part] : [value, part]))
    .filter((part) => part !== "")
}
