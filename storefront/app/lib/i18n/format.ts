import type { Translate } from "~/i18n"

// Made once: toLocaleString builds a new formatter on every call (2 % of a product page's render, profiled).
const BAHT = new Intl.NumberFormat("th-TH", { minimumFractionDigits: 0, maximumFractionDigits: 2 })
const BAHT_SATANG = new Intl.NumberFormat("th-TH", { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** Baht with the ฿ sign, as Thai shoppers read prices: ฿1,290 (no decimals unless there are satang). */
export function formatBaht(amount: number): string {
  const hasSatang = Math.round(amount * 100) % 100 !== 0
  return "฿" + (hasSatang ? BAHT_SATANG : BAHT).format(amount)
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/** A calendar date (YYYY-MM-DD) in English: "3 Nov 2026". Thai dates use the core's formatThaiDate (Buddhist Era). */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date)
  if (!m) return date
  return `${Number(m[3])} ${MONTHS_EN[Number(m[2]) - 1] ?? m[2]} ${m[1]}`
}

/** A throttle's wait (429 Retry-After) as people say it: "45 วินาที", "15 minutes". */
export function waitText(t: Translate, seconds: number): string {
  return seconds < 60 ? t("wait.seconds", { n: seconds }) : t("wait.minutes", { n: Math.ceil(seconds / 60) })
}

/** A count with its noun in the page's language: "1 household", "3 households" (keys `${base}.one` / `${base}.other`). */
export function counted(t: Translate, base: "count.household" | "count.plot" | "count.item" | "count.scan", n: number): string {
  return t(n === 1 ? `${base}.one` : `${base}.other`, { n })
}

const MONTHS_EN_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

/** A month ("2026-12" or a date in it) in English: "December 2026". Thai months use the core's formatThaiMonth. */
export function formatMonth(date: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(date)
  if (!m) return date
  return `${MONTHS_EN_LONG[Number(m[2]) - 1] ?? m[2]} ${m[1]}`
}
