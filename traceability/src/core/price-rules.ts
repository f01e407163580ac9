/**
 * The committee's price list and share rules, with validity dates (Bangkok calendar days, both ends
 * included; an open end is null).
 *
 * - Farm-gate price: satang per kg of one herb species.
 * - Share rule: basis points of a sold unit's net revenue (ex VAT, after discounts) that goes back to
 *   the households of its batch, for one product or (productId null) for all products. On a given
 *   day a rule for the product beats the all-products rule.
 *
 * Adding a rule (decision 0017): a rule cannot start in the past (what was booked stays booked, and
 * entries keep the price or rule they used). The newer rule closes the older one of the same scope:
 * a rule that started earlier and is still open on the new rule's first day is ended the day before.
 * A rule of the same scope that starts on or after the new rule's first day is never rewritten
 * silently: adding is refused until the committee ends or withdraws that rule (`planEndRule`).
 * Nothing is deleted: ending or withdrawing only sets validUntil, so the history stays readable.
 */

import { addDays, type CalendarDate, formatThaiDate, isCalendarDate } from "./calendar-date";
import { formatBaht } from "./money";

export interface Validity {
  validFrom: CalendarDate;
  /** Last day the rule applies; null = until further notice. Before validFrom = withdrawn. */
  validUntil: CalendarDate | null;
}

export interface FarmGatePrice extends Validity {
  id: string;
  speciesId: string;
  pricePerKgSatang: number;
}

export interface ShareRule extends Validity {
  id: string;
  /** null = every product. */
  productId: string | null;
  basisPoints: number;
}

export type RuleRefusalCode =
  | "INVALID_PRICE"
  | "INVALID_BASIS_POINTS"
  | "INVALID_DATES"
  | "STARTS_IN_PAST"
  | "OVERLAPS_LATER_RULE"
  | "DUPLICATE_ID"
  | "END_IN_PAST"
  | "END_NOT_EARLIER";

export interface RuleRefusal {
  ok: false;
  code: RuleRefusalCode;
  message_th: string;
  message_en: string;
}

export interface RuleClosure {
  id: string;
  validUntil: CalendarDate;
}

export type RulePlan<R> = { ok: true; add: R; close: RuleClosure[] } | RuleRefusal;

function refuse(code: RuleRefusalCode, message_th: string, message_en: string): RuleRefusal {
  return { ok: false, code, message_th, message_en };
}

/** True when the rule applies on `date` (a rule with malformed dates never does). */
export function isValidOn(rule: Validity, date: CalendarDate): boolean {
  if (!isCalendarDate(date)) throw new RangeError(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  if (!isCalendarDate(rule.validFrom)) return false;
  if (rule.validUntil !== null && !isCalendarDate(rule.validUntil)) return false;
  return rule.validFrom <= date && (rule.validUntil === null || date <= rule.validUntil);
}

/** The latest-starting of the rules valid on `date` (ties: the larger id), or null. */
function latestValid<R extends Validity & { id: string }>(rules: readonly R[], date: CalendarDate): R | null {
  let best: R | null = null;
  for (const r of rules) {
    if (!isValidOn(r, date)) continue;
    if (best === null || r.validFrom > best.validFrom || (r.validFrom === best.validFrom && r.id > best.id)) best = r;
  }
  return best;
}

/** The farm-gate price of `speciesId` on `date`, or null when the committee has set none. */
export function farmGatePriceOn(prices: readonly FarmGatePrice[], speciesId: string, date: CalendarDate): FarmGatePrice | null {
  return latestValid(
    prices.filter((p) => p.speciesId === speciesId),
    date,
  );
}

/** The share rule for `productId` on `date`: the product's own rule, else the all-products rule, else null. */
export function shareRuleOn(rules: readonly ShareRule[], productId: string, date: CalendarDate): ShareRule | null {
  return (
    latestValid(
      rules.filter((r) => r.productId === productId),
      date,
    ) ??
    latestValid(
      rules.filter((r) => r.productId === null),
      date,
    )
  );
}

function dateText(date: CalendarDate | null): { th: string; en: string } {
  return date === null ? { th: "ไม่มีกำหนดสิ้นสุด", en: "open-ended" } : { th: formatThaiDate(date), en: date };
}

/** Shared planning for both kinds: dates, past start, closing older rules, later rules. */
function planRule<R extends Validity & { id: string }>(
  sameScope: readonly R[],
  allIds: ReadonlySet<string>,
  candidate: R,
  today: CalendarDate,
  what: { th: string; en: string },
): RulePlan<R> {
  if (!isCalendarDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  if (allIds.has(candidate.id)) {
    return refuse("DUPLICATE_ID", `มี${what.th}รหัส ${candidate.id} อยู่แล้ว`, `A ${what.en} with id ${candidate.id} already exists.`);
  }
  if (!isCalendarDate(candidate.validFrom) || (candidate.validUntil !== null && !isCalendarDate(candidate.validUntil))) {
    return refuse("INVALID_DATES", "วันที่เริ่มหรือวันสิ้นสุดไม่ถูกต้อง", "The start or end date is not a valid date (YYYY-MM-DD).");
  }
  if (candidate.validUntil !== null && candidate.validUntil < candidate.validFrom) {
    return refuse(
      "INVALID_DATES",
      "วันสิ้นสุดต้องไม่ก่อนวันเริ่มใช้",
      `The end date ${candidate.validUntil} is before the start date ${candidate.validFrom}.`,
    );
  }
  if (candidate.validFrom < today) {
    return refuse(
      "STARTS_IN_PAST",
      `${what.th}ใหม่ต้องเริ่มใช้ตั้งแต่วันนี้ (${formatThaiDate(today)}) เป็นต้นไป รายการที่บันทึกไปแล้วไม่เปลี่ยน`,
      `A new ${what.en} must start today (${today}) or later; what was already booked does not change.`,
    );
  }

  const close: RuleClosure[] = [];
  for (const r of sameScope) {
    const end = r.validUntil;
    if (end !== null && end < r.validFrom) continue; // withdrawn, never applied
    if (end !== null && end < candidate.validFrom) continue; // over before the new one starts
    if (r.validFrom < candidate.validFrom) {
      close.push({ id: r.id, validUntil: addDays(candidate.validFrom, -1) });
      continue;
    }
    // r starts on or after the new rule's first day: does it overlap the new rule's period?
    if (candidate.validUntil === null || r.validFrom <= candidate.validUntil) {
      const until = dateText(end);
      return refuse(
        "OVERLAPS_LATER_RULE",
        `มี${what.th}ที่ตั้งไว้แล้ว เริ่ม ${formatThaiDate(r.validFrom)} ถึง ${until.th} ซ้อนกับช่วงวันที่ใหม่ กรุณาสิ้นสุดหรือยกเลิกรายการนั้นก่อน`,
        `A ${what.en} (${r.id}) is already set from ${r.validFrom} to ${until.en}, which overlaps; end or withdraw it first.`,
      );
    }
  }
  return { ok: true, add: candidate, close };
}

/** Plans adding a farm-gate price: the new price, and the older prices it closes. */
export function planFarmGatePrice(existing: readonly FarmGatePrice[], candidate: FarmGatePrice, today: CalendarDate): RulePlan<FarmGatePrice> {
  if (!Number.isSafeInteger(candidate.pricePerKgSatang) || candidate.pricePerKgSatang <= 0) {
    return refuse(
      "INVALID_PRICE",
      "ราคารับซื้อต้องมากกว่า 0 บาทต่อกิโลกรัม และละเอียดไม่เกินสตางค์",
      `The price per kg must be a positive whole number of satang, got ${String(candidate.pricePerKgSatang)}.`,
    );
  }
  return planRule(
    existing.filter((p) => p.speciesId === candidate.speciesId),
    new Set(existing.map((p) => p.id)),
    candidate,
    today,
    { th: "ราคารับซื้อ", en: "farm-gate price" },
  );
}

/** Plans adding a share rule: the new rule, and the older rules of the same scope it closes. */
export function planShareRule(existing: readonly ShareRule[], candidate: ShareRule, today: CalendarDate): RulePlan<ShareRule> {
  if (!Number.isInteger(candidate.basisPoints) || candidate.basisPoints < 0 || candidate.basisPoints > 10_000) {
    return refuse(
      "INVALID_BASIS_POINTS",
      "ส่วนแบ่งต้องอยู่ระหว่าง 0 ถึง 100% (ละเอียดถึง 0.01%)",
      `The share must be 0–10000 basis points (0–100 % in steps of 0.01 %), got ${String(candidate.basisPoints)}.`,
    );
  }
  return planRule(
    existing.filter((r) => r.productId === candidate.productId),
    new Set(existing.map((r) => r.id)),
    candidate,
    today,
    { th: "กฎส่วนแบ่งรายได้", en: "share rule" },
  );
}

/**
 * Ends a rule after `lastDay` (or withdraws one that has not started: lastDay before its start).
 * Days up to yesterday are never rewritten, and a rule can only be shortened.
 */
export function planEndRule(rule: Validity & { id: string }, lastDay: CalendarDate, today: CalendarDate): { ok: true; close: RuleClosure } | RuleRefusal {
  if (!isCalendarDate(lastDay) || !isCalendarDate(today)) {
    return refuse("INVALID_DATES", "วันที่ไม่ถูกต้อง", "The date is not a valid date (YYYY-MM-DD).");
  }
  const yesterday = addDays(today, -1);
  if (lastDay < yesterday) {
    return refuse(
      "END_IN_PAST",
      `วันสุดท้ายต้องไม่ก่อนเมื่อวาน (${formatThaiDate(yesterday)}) เพื่อไม่ให้เปลี่ยนสิ่งที่บันทึกไปแล้ว`,
      `The last day cannot be before yesterday (${yesterday}): days already past are not rewritten.`,
    );
  }
  if (rule.validUntil !== null && lastDay >= rule.validUntil) {
    return refuse(
      "END_NOT_EARLIER",
      `รายการนี้สิ้นสุดวันที่ ${formatThaiDate(rule.validUntil)} อยู่แล้ว`,
      `This rule already ends on ${rule.validUntil}; it can only be shortened.`,
    );
  }
  return { ok: true, close: { id: rule.id, validUntil: lastDay } };
}

/** "฿45.00 / กก." style label of a price, for forms and receipts. */
export function formatPricePerKg(pricePerKgSatang: number): { th: string; en: string } {
  const baht = formatBaht(pricePerKgSatang);
  return { th: `${baht} ต่อกิโลกรัม`, en: `${baht} per kg` };
}

/** "12.5%" from basis points (no trailing zeros). */
export function formatBasisPoints(basisPoints: number): string {
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError(`basis points must be an integer from 0 to 10000, got ${basisPoints}`);
  }
  const whole = Math.floor(basisPoints / 100);
  const frac = String(basisPoints % 100).padStart(2, "0").replace(/0+$/, "");
  return `${whole}${frac ? `.${frac}` : ""}%`;
}
