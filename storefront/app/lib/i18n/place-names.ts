import type { Locale } from "~/i18n"

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

/** A place name in the page's language (Thai as entered; English romanised when known, else as entered). */
export function placeName(locale: Locale, name: string): string {
  return locale === "th" ? name : (ROMANISED[name.trim()] ?? name)
}

export type PlaceParts = { village: string | null; moo: string | null; tambon: string | null; amphoe: string | null; province: string | null }

/**
 * A village-level place written the way each language writes addresses: "บ้านแม่มอก หมู่ 3 ต.แม่มอก อ.เถิน จ.ลำปาง",
 * "Ban Mae Mok (Moo 3), Tambon Mae Mok, Amphoe Thoen, Lampang".
 */
export function placeLine(locale: Locale, p: PlaceParts): string {
  if (locale === "th") {
    return [p.village, p.moo && `หมู่ ${p.moo}`, p.tambon && `ต.${p.tambon}`, p.amphoe && `อ.${p.amphoe}`, p.province && `จ.${p.province}`]
      .filter(Boolean)
      .join(" ")
  }
  const village = p.village ? placeName(locale, p.village) + (p.moo ? ` (Moo ${p.moo})` : "") : p.moo ? `Moo ${p.moo}` : null
  return [village, p.tambon && `Tambon ${placeName(locale, p.tambon)}`, p.amphoe && `Amphoe ${placeName(locale, p.amphoe)}`, p.province && placeName(locale, p.province)]
    .filter(Boolean)
    .join(", ")
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
