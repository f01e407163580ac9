/**
 * Batch lot numbers (GS1 AI 10), readable by the people who make and check the batches:
 *
 *   MO-2611-03  =  product code "MO"  -  produced 2026-11 (YYMM)  -  3rd batch that month
 *
 * Prefix: 2–3 uppercase letters. YYMM uses the Gregorian year (Bangkok calendar), not the Buddhist
 * Era, so it matches best-before dates printed in the same style. The sequence has 2 digits, or 3
 * once it passes 99, and never more than 999 a month. Each lot has exactly one spelling ("MO-2611-003"
 * is refused), so two spellings can never name the same batch. Only letters, digits and "-" are used:
 * no percent-encoding in the Digital Link URI.
 */

import { bangkokCalendarDate, type CalendarDate, isCalendarDate } from "./calendar-date";

export interface LotNumberParts {
  /** 2–3 uppercase letters naming the product, e.g. "MO" (Mok Prai oil), "CB" (compress ball). */
  prefix: string;
  /** Gregorian year, 2000–2099. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–999, per prefix and month. */
  sequence: number;
}

export const MAX_LOT_SEQUENCE = 999;
/** "ABC-YYMM-999": the longest lot number this scheme makes (used for the QR size budget). */
export const MAX_LOT_NUMBER_LENGTH = 12;

const PREFIX_RE = /^[A-Z]{2,3}$/;
const LOT_RE = /^([A-Z]{2,3})-(\d{2})(\d{2})-(\d{2,3})$/;

function formatSequence(sequence: number): string {
  return String(sequence).padStart(2, "0");
}

function productionMonth(producedOn: CalendarDate | Date): { year: number; month: number } {
  const date = producedOn instanceof Date ? bangkokCalendarDate(producedOn) : producedOn;
  if (!isCalendarDate(date)) {
    throw new RangeError(`production date must be YYYY-MM-DD or a Date, got ${JSON.stringify(producedOn)}`);
  }
  const year = Number(date.slice(0, 4));
  if (year < 2000 || year > 2099) throw new RangeError(`production year must be 2000–2099, got ${year}`);
  return { year, month: Number(date.slice(5, 7)) };
}

function checkPrefix(prefix: string): string {
  const upper = prefix.trim().toUpperCase();
  if (!PREFIX_RE.test(upper)) {
    throw new RangeError(`lot prefix must be 2–3 letters A–Z, got ${JSON.stringify(prefix)}`);
  }
  return upper;
}

/** Builds "MO-2611-03" from ("MO", "2026-11-15", 3). A Date is read as its Bangkok calendar date. */
export function buildLotNumber(prefix: string, producedOn: CalendarDate | Date, sequence: number): string {
  const p = checkPrefix(prefix);
  const { year, month } = productionMonth(producedOn);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_LOT_SEQUENCE) {
    throw new RangeError(`lot sequence must be an integer 1–${MAX_LOT_SEQUENCE}, got ${sequence}`);
  }
  const yymm = String(year % 100).padStart(2, "0") + String(month).padStart(2, "0");
  return `${p}-${yymm}-${formatSequence(sequence)}`;
}

/** The parts of a lot number, or null when it is not exactly in this scheme's canonical form. */
export function parseLotNumber(lot: string): LotNumberParts | null {
  const m = LOT_RE.exec(lot);
  if (!m) return null;
  const [, prefix, yy, mm, seq] = m as unknown as [string, string, string, string, string];
  const month = Number(mm);
  const sequence = Number(seq);
  if (month < 1 || month > 12 || sequence < 1) return null;
  if (formatSequence(sequence) !== seq) return null; // "003" is not the canonical spelling of 3
  return { prefix, year: 2000 + Number(yy), month, sequence };
}

/** True when `lot` is a canonical lot number of this scheme. */
export function isValidLotNumber(lot: string): boolean {
  return parseLotNumber(lot) !== null;
}

/**
 * The next lot number for `prefix` in the month of `producedOn`: one more than the highest sequence
 * already used that month. Gaps are not refilled, because a gap can be a cancelled batch whose labels
 * were already printed; reusing its number would make two batches share a lot. Lot numbers of other
 * prefixes, other months, or other formats in `existing` are ignored.
 */
export function nextLotNumber(prefix: string, producedOn: CalendarDate | Date, existing: Iterable<string>): string {
  const p = checkPrefix(prefix);
  const { year, month } = productionMonth(producedOn);
  let highest = 0;
  for (const lot of existing) {
    const parts = parseLotNumber(lot);
    if (parts && parts.prefix === p && parts.year === year && parts.month === month) {
      highest = Math.max(highest, parts.sequence);
    }
  }
  if (highest >= MAX_LOT_SEQUENCE) {
    throw new RangeError(`no lot numbers left for ${p} in ${year}-${String(month).padStart(2, "0")}`);
  }
  return buildLotNumber(p, producedOn, highest + 1);
}
