import type { Locale } from "~/i18n"
import { type Phrase, type Shown, shown } from "./english-fallback"

/**
 * Romanised names of the places the group's households and plots are in (Royal Thai General System), for the
 * English pages. The fallback rule: a name not in this list is shown as it was entered (in Thai), never
 * guessed. Add a line here when the group registers a household in a new village.
 */
const ROMANISED: Record<string, string> = {
  ลำปาง: "Lampang",
  เถิน: "Thoen",
  แม่มอก: "Mae Mok",
  บ้านแม่มอก: "Ban Mae Mok",
  บ้านทุ่งนาหลวง: "Ban Thung Na Luang",
  บ้านดอยผาแดง: "Ban Doi Pha Daeng",
}

/**
 * A place name in the page's language: Thai as entered; in English the English entered with the record, else
 * the romanised name from the list above, else the Thai as entered (marked Thai: shown() in english-fallback).
 */
export function placeName(locale: Locale, name: string, nameEn?: string | null): Shown {
  return shown(locale, name, nameEn?.trim() || ROMANISED[name.trim()])
}

export type PlaceParts = { village: string | null; villageEn?: string | null; moo: string | null; tambon: string | null; amphoe: string | null; province: string | null }

/**
 * A village-level place written the way each language writes addresses: "บ้านแม่มอก หมู่ 3 ต.แม่มอก อ.เถิน จ.ลำปาง",
 * "Ban Mae Mok (Moo 3), Tambon Mae Mok, Amphoe Thoen, Lampang". Render it with <Say>, or plain() for text.
 */
export function placeLine(locale: Locale, p: PlaceParts): Phrase {
  if (locale === "th") {
    return [[p.village, p.moo && `หมู่ ${p.moo}`, p.tambon && `ต.${p.tambon}`, p.amphoe && `อ.${p.amphoe}`, p.province && `จ.${p.province}`]
      .filter(Boolean)
      .join(" ")]
  }
  const parts: (string | Shown)[][] = []
  if (p.village) parts.push([placeName(locale, p.village, p.villageEn), ...(p.moo ? [` (Moo ${p.moo})`] : [])])
  else if (p.moo) parts.push([`Moo ${p.moo}`])
  if (p.tambon) parts.push(["Tambon ", placeName(locale, p.tambon)])
  if (p.amphoe) parts.push(["Amphoe ", placeName(locale, p.amphoe)])
  if (p.province) parts.push([placeName(locale, p.province)])
  return parts.flatMap((part, i) => (i === 0 ? part : [", ", ...part]))
}

/**
 * A record written the group's bilingual way, Thai with the English in brackets ("เถา (stem)", "กรมวิชาการเกษตร
 * (Department of Agriculture)"), in the page's language. Without brackets it is shown as it is in both.
 */
export function bilingual(locale: Locale, text: string): string {
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(text.trim())
  if (!m) return text
  return locale === "th" ? m[1]! : m[2]!
}

/** A record kept Thai-first with the English in brackets ("เถา (stem)"), with an English entered beside it first. */
export function bilingualShown(locale: Locale, text: string, en?: string | null): Shown {
  const bracketed = bilingual("en", text)
  return shown(locale, bilingual("th", text), en?.trim() || (bracketed !== text ? bracketed : null))
}
