/**
 * Calendar dates ("YYYY-MM-DD") and the Bangkok clock.
 *
 * Certificates, harvest logs and batch labels carry calendar dates, not instants. Comparing them as
 * timestamps breaks at the edges (a certificate valid "until 2026-06-30" must still cover a harvest
 * logged at 23:30 Bangkok time on that day, which is 16:30 UTC). So dates stay strings, compared as
 * strings, and instants are turned into a Bangkok calendar date once, with a fixed UTC+7 offset:
 * Thailand has had no daylight saving time since 1920, so no time zone database is needed.
 */

/** A calendar date written "YYYY-MM-DD" (Gregorian, no time zone). */
export type CalendarDate = string;

/** Bangkok is UTC+7 all year round. */
export const BANGKOK_UTC_OFFSET = "+07:00";
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must say which zone it is in; "2026-11-03T20:00:00" alone would be read in the
// server's local zone, which is exactly the ambiguity this module exists to avoid.
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real date written "YYYY-MM-DD" (so "2026-02-29" is false, "2028-02-29" true). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== "string") return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Throws a RangeError naming `label` unless `value` is a valid calendar date. */
export function assertCalendarDate(value: unknown, label = "date"): asserts value is CalendarDate {
  if (!isCalendarDate(value)) {
    throw new RangeError(`${label} must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

/** -1, 0 or 1. Valid "YYYY-MM-DD" strings sort correctly as plain strings. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  assertCalendarDate(a, "first date");
  assertCalendarDate(b, "second date");
  return a < b ? -1 : a > b ? 1 : 0;
}

function dateToUtcMs(date: CalendarDate): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years < 100 literal, unlike Date.UTC
  return t.getTime();
}

function utcMsToDate(ms: number): CalendarDate {
  const t = new Date(ms);
  const y = String(t.getUTCFullYear()).padStart(4, "0");
  const m = String(t.getUTCMonth() + 1).padStart(2, "0");
  const d = String(t.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The date `days` days after (or before, if negative) `date`. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  assertCalendarDate(date);
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  assertCalendarDate(from, "from");
  assertCalendarDate(to, "to");
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** An instant: a Date, epoch milliseconds, or an ISO 8601 string WITH "Z" or an offset. */
export type Instant = Date | number | string;

/** Epoch milliseconds of an instant; throws on anything ambiguous or invalid. */
export function instantToEpochMs(instant: Instant): number {
  let ms: number;
  if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === "number") ms = instant;
  else if (typeof instant === "string" && INSTANT_RE.test(instant)) ms = Date.parse(instant);
  else ms = Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new RangeError(
      `expected an instant (Date, epoch ms, or ISO 8601 with Z or an offset), got ${JSON.stringify(instant)}`,
    );
  }
  return ms;
}

/** True when `value` is an instant `instantToEpochMs` accepts. */
export function isInstant(value: unknown): value is Instant {
  if (!(value instanceof Date) && typeof value !== "number" && typeof value !== "string") return false;
  try {
    instantToEpochMs(value);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date in Bangkok at `instant` (e.g. 2026-06-30T17:30Z is already 2026-07-01 there). */
export function bangkokCalendarDate(instant: Instant): CalendarDate {
  return utcMsToDate(instantToEpochMs(instant) + BANGKOK_OFFSET_MS);
}

/** Today's date in Bangkok; `now` is injectable so callers and tests stay deterministic. */
export function bangkokToday(now: Instant = new Date()): CalendarDate {
  return bangkokCalendarDate(now);
}

/**
 * `instant` as Bangkok local time with its offset, e.g. "2026-11-03T09:15:00+07:00"
 * (milliseconds only when not zero). This is the form EPCIS eventTime uses.
 */
export function bangkokDateTime(instant: Instant): string {
  const local = new Date(instantToEpochMs(instant) + BANGKOK_OFFSET_MS);
  const iso = local.toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ, read as local wall time
  const wall = iso.endsWith(".000Z") ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${wall}${BANGKOK_UTC_OFFSET}`;
}

/** Local midnight in Bangkok at the start of `date`, as an offset date-time. */
export function bangkokStartOfDay(date: CalendarDate): string {
  assertCalendarDate(date);
  return `${date}T00:00:00${BANGKOK_UTC_OFFSET}`;
}

const THAI_MONTHS_SHORT = [
  "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
  "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
];

/** The month of a date in Thai with the Buddhist Era year: "2026-12-05" → "ธ.ค. 2569". */
export function formatThaiMonth(date: CalendarDate): string {
  assertCalendarDate(date);
  const [y, m] = date.split("-").map(Number) as [number, number];
  return `${THAI_MONTHS_SHORT[m - 1]} ${y + 543}`;
}

/** Thai display form with the Buddhist Era year: "2026-11-03" → "3 พ.ย. 2569". */
export function formatThaiDate(date: CalendarDate): string {
  assertCalendarDate(date);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d} ${THAI_MONTHS_SHORT[m - 1]} ${y + 543}`;
}

const ENGLISH_MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** English display form, as the English pages write dates: "2026-11-03" → "3 Nov 2026". */
export function formatEnglishDate(date: CalendarDate): string {
  assertCalendarDate(date);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d} ${ENGLISH_MONTHS_SHORT[m - 1]} ${y}`;
}
