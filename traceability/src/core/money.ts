/**
 * Money in satang (1/100 baht). Every amount is a safe integer: floating-point baht would lose or
 * invent satang when shares are split and added up, and the household ledger must add up exactly.
 *
 * Rounding rules (decision 0017):
 * - Net of VAT: the nearest satang. Prices shown to customers include 7 % VAT, so
 *   net = gross × 100/107 rounded, VAT = gross − net (the two always add up to the gross). With the
 *   7 % rate there is never a tie (107 is prime and does not divide 100, so gross × 100/107 ends in
 *   exactly .5 never); for other rates a tie rounds up.
 * - A share in basis points (1 bp = 0.01 %) of an amount, and kg × price: the nearest satang, halves
 *   up (in the household's favour).
 * - Splitting an amount by weights: largest remainder (Hamilton). Every part is the amount × weight /
 *   total rounded down or up, and the parts add up exactly. Leftover satang go to the largest
 *   remainders; ties go to the larger weight, then to the smaller key (UTF-16 code-unit order), or
 *   to the earlier position when no keys are given. Keys (household ids, line item ids) make the
 *   result independent of the order the database returned the rows in.
 */

export type Satang = number;

export type MoneyErrorCode =
  | "NOT_SATANG"
  | "NEGATIVE_AMOUNT"
  | "INVALID_WEIGHT"
  | "ALL_WEIGHTS_ZERO"
  | "INVALID_KEYS"
  | "INVALID_BASIS_POINTS"
  | "INVALID_QUANTITY"
  | "INVALID_GRAMS"
  | "DISCOUNT_EXCEEDS_PRICE";

/** A refused money operation: a programming or data error the caller turns into a 4xx or a fix. */
export class MoneyError extends Error {
  override readonly name = "MoneyError";
  readonly code: MoneyErrorCode;
  readonly message_th: string;
  readonly message_en: string;

  constructor(code: MoneyErrorCode, message_th: string, message_en: string) {
    super(message_en);
    this.code = code;
    this.message_th = message_th;
    this.message_en = message_en;
  }
}

/** True for a safe integer (a number of satang, of either sign). */
export function isSatang(value: unknown): value is Satang {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** Throws MoneyError unless `value` is integer satang (and ≥ 0 unless allowNegative). */
export function assertSatang(value: unknown, label = "amount", options: { allowNegative?: boolean } = {}): asserts value is Satang {
  if (!isSatang(value)) {
    throw new MoneyError(
      "NOT_SATANG",
      `${label} ต้องเป็นจำนวนเต็มสตางค์`,
      `${label} must be a whole number of satang (a safe integer), got ${String(value)}`,
    );
  }
  if (!options.allowNegative && value < 0) {
    throw new MoneyError("NEGATIVE_AMOUNT", `${label} ติดลบไม่ได้`, `${label} must not be negative, got ${value}`);
  }
}

function toSafe(value: bigint, label: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError("NOT_SATANG", `${label} มากเกินไป`, `${label} is too large to hold exactly (${value})`);
  }
  return Number(value);
}

/** Sum of integer satang; throws when an element is not satang or the sum leaves the safe range. */
export function sumSatang(values: Iterable<number>, label = "sum"): Satang {
  let total = 0n;
  for (const v of values) {
    assertSatang(v, "amount", { allowNegative: true });
    total += BigInt(v);
  }
  return toSafe(total, label);
}

/** Integer division rounding to the nearest, halves away from zero (n, d: d > 0). */
function divRoundHalfUp(n: bigint, d: bigint): bigint {
  const sign = n < 0n ? -1n : 1n;
  const a = n < 0n ? -n : n;
  return sign * ((2n * a + d) / (2n * d));
}

/**
 * Splits `totalSatang` (≥ 0) by `weights` (non-negative integers, e.g. grams, not all zero) with the
 * largest remainder method: the parts add up to exactly the total; a zero weight gets zero; each part
 * is its exact quota rounded down or up. `keys` (unique) break ties; see the header comment.
 */
export function splitLargestRemainder(
  totalSatang: number,
  weights: readonly number[],
  options: { keys?: readonly string[] } = {},
): Satang[] {
  assertSatang(totalSatang, "total");
  if (weights.length === 0) {
    throw new MoneyError("ALL_WEIGHTS_ZERO", "ไม่มีผู้รับส่วนแบ่ง", "nothing to split among: no weights given");
  }
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new MoneyError("INVALID_WEIGHT", "น้ำหนักสำหรับแบ่งเงินต้องเป็นจำนวนเต็มไม่ติดลบ", `weights must be non-negative integers, got ${String(w)}`);
    }
  }
  const keys = options.keys;
  if (keys !== undefined && (keys.length !== weights.length || new Set(keys).size !== keys.length)) {
    throw new MoneyError("INVALID_KEYS", "รหัสของผู้รับส่วนแบ่งซ้ำกันหรือไม่ครบ", "keys must be unique and one per weight");
  }
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum === 0n) {
    throw new MoneyError("ALL_WEIGHTS_ZERO", "น้ำหนักทั้งหมดเป็นศูนย์ จึงแบ่งเงินไม่ได้", "weights must not all be zero");
  }

  const total = BigInt(totalSatang);
  const floors = weights.map((w) => (total * BigInt(w)) / sum);
  const remainders = weights.map((w) => (total * BigInt(w)) % sum);
  let leftover = total - floors.reduce((s, f) => s + f, 0n);

  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const ra = remainders[a] as bigint;
    const rb = remainders[b] as bigint;
    if (ra !== rb) return ra > rb ? -1 : 1;
    const wa = weights[a] as number;
    const wb = weights[b] as number;
    if (wa !== wb) return wb - wa;
    if (keys) {
      const ka = keys[a] as string;
      const kb = keys[b] as string;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    }
    return a - b;
  });
  const parts = floors.slice();
  for (const i of order) {
    if (leftover === 0n) break;
    // Only weights with a remainder can take a leftover satang, so a zero weight never does.
    if ((remainders[i] as bigint) === 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    leftover -= 1n;
  }
  return parts.map((p) => Number(p));
}

/** Splits `totalSatang` into one equal part per key (largest remainder: the smallest keys get the odd satang). */
export function splitEvenly(totalSatang: number, keys: readonly string[]): Satang[] {
  return splitLargestRemainder(
    totalSatang,
    keys.map(() => 1),
    { keys },
  );
}

// ---------------------------------------------------------------------------------------------
// VAT, discounts, shares, farm-gate amounts
// ---------------------------------------------------------------------------------------------

/** Thai VAT, 7 %, in basis points. */
export const VAT_BASIS_POINTS = 700;
export const BASIS_POINTS_PER_WHOLE = 10_000;

export interface VatSplit {
  grossSatang: Satang;
  netSatang: Satang;
  vatSatang: Satang;
}

function assertBasisPoints(bp: unknown, label = "basis points"): asserts bp is number {
  if (typeof bp !== "number" || !Number.isInteger(bp) || bp < 0 || bp > BASIS_POINTS_PER_WHOLE) {
    throw new MoneyError(
      "INVALID_BASIS_POINTS",
      "อัตราส่วนแบ่งต้องอยู่ระหว่าง 0 ถึง 100% (0–10000 เบสิสพอยต์)",
      `${label} must be an integer from 0 to 10000, got ${String(bp)}`,
    );
  }
}

/** A VAT-inclusive amount split into net and VAT (net rounded to the nearest satang; they add up). */
export function splitVatInclusive(grossSatang: number, vatBasisPoints: number = VAT_BASIS_POINTS): VatSplit {
  assertSatang(grossSatang, "gross amount");
  assertBasisPoints(vatBasisPoints, "VAT rate");
  const net = Number(divRoundHalfUp(BigInt(grossSatang) * 10_000n, BigInt(BASIS_POINTS_PER_WHOLE + vatBasisPoints)));
  return { grossSatang, netSatang: net, vatSatang: grossSatang - net };
}

/** The net (ex VAT) part of a VAT-inclusive amount. */
export function netOfVat(grossSatang: number, vatBasisPoints: number = VAT_BASIS_POINTS): Satang {
  return splitVatInclusive(grossSatang, vatBasisPoints).netSatang;
}

/** `basisPoints` of `amountSatang` (≥ 0), rounded to the nearest satang, halves up. */
export function applyBasisPoints(amountSatang: number, basisPoints: number): Satang {
  assertSatang(amountSatang, "amount");
  assertBasisPoints(basisPoints);
  return Number(divRoundHalfUp(BigInt(amountSatang) * BigInt(basisPoints), BigInt(BASIS_POINTS_PER_WHOLE)));
}

/** Farm-gate amount of a harvest lot: grams × price per kg / 1000, nearest satang, halves up. */
export function farmGateAmount(grams: number, pricePerKgSatang: number): Satang {
  if (!Number.isSafeInteger(grams) || grams <= 0) {
    throw new MoneyError("INVALID_GRAMS", "น้ำหนักต้องเป็นจำนวนกรัมเต็มที่มากกว่า 0", `grams must be a positive integer, got ${String(grams)}`);
  }
  assertSatang(pricePerKgSatang, "price per kg");
  return toSafe(divRoundHalfUp(BigInt(grams) * BigInt(pricePerKgSatang), 1000n), "farm-gate amount");
}

export interface LineRevenueInput {
  /** VAT-inclusive unit price. */
  unitPriceSatang: number;
  quantity: number;
  /** VAT-inclusive discount on the whole line (its share of an order discount included). */
  discountSatang?: number;
  vatBasisPoints?: number;
}

/** What a line really earned: (unit price × quantity − discount), split into net and VAT. */
export function lineRevenue(input: LineRevenueInput): VatSplit {
  assertSatang(input.unitPriceSatang, "unit price");
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) {
    throw new MoneyError("INVALID_QUANTITY", "จำนวนชิ้นต้องเป็นจำนวนเต็มที่มากกว่า 0", `quantity must be a positive integer, got ${String(input.quantity)}`);
  }
  const discount = input.discountSatang ?? 0;
  assertSatang(discount, "discount");
  const list = toSafe(BigInt(input.unitPriceSatang) * BigInt(input.quantity), "line amount");
  if (discount > list) {
    throw new MoneyError(
      "DISCOUNT_EXCEEDS_PRICE",
      "ส่วนลดมากกว่าราคาสินค้า",
      `the discount (${discount} satang) is more than the line's price (${list} satang)`,
    );
  }
  return splitVatInclusive(list - discount, input.vatBasisPoints ?? VAT_BASIS_POINTS);
}

/**
 * Spreads an order-level discount over its lines in proportion to their VAT-inclusive amounts
 * (largest remainder, line ids as keys), so each line's net revenue can carry its share.
 */
export function allocateDiscount(
  discountSatang: number,
  lines: readonly { lineItemId: string; grossSatang: number }[],
): Map<string, Satang> {
  assertSatang(discountSatang, "discount");
  for (const l of lines) assertSatang(l.grossSatang, `amount of line ${l.lineItemId}`);
  const total = sumSatang(lines.map((l) => l.grossSatang));
  if (discountSatang > total) {
    throw new MoneyError(
      "DISCOUNT_EXCEEDS_PRICE",
      "ส่วนลดมากกว่ายอดสินค้าทั้งหมด",
      `the discount (${discountSatang} satang) is more than the lines' total (${total} satang)`,
    );
  }
  const result = new Map<string, Satang>();
  if (discountSatang === 0) {
    for (const l of lines) result.set(l.lineItemId, 0);
    return result;
  }
  const parts = splitLargestRemainder(
    discountSatang,
    lines.map((l) => l.grossSatang),
    { keys: lines.map((l) => l.lineItemId) },
  );
  lines.forEach((l, i) => result.set(l.lineItemId, parts[i] as number));
  return result;
}

/** "฿1,234.50", "-฿12.00"; with `wholeBahtWhenExact`, "฿38" instead of "฿38.00". */
export function formatBaht(satang: number, options: { wholeBahtWhenExact?: boolean } = {}): string {
  assertSatang(satang, "amount", { allowNegative: true });
  const sign = satang < 0 ? "-" : "";
  const abs = Math.abs(satang);
  const baht = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(baht).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = options.wholeBahtWhenExact && rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`;
  return `${sign}฿${grouped}${decimals}`;
}

// ---------------------------------------------------------------------------------------------
// Refunds: what to reverse of the sales share booked for an order
// ---------------------------------------------------------------------------------------------

/** One order line as paid: what the customer paid for it (VAT-inclusive, after discounts) and its rule. */
export interface RefundableLine {
  lineItemId: string;
  paidSatang: number;
  /** Share rule that applied when the line's share was booked (basis points of net revenue). */
  basisPoints: number;
}

/** A refund of the order, in the order the ledger booked them (the newest last). */
export interface OrderRefund {
  refundId: string;
  satang: number;
  /** Lines the refund is for (a return of items); null/absent = the whole order, proportionally. */
  lineItemIds?: readonly string[] | null;
}

/** A sales-share entry of the order as it stands: booked, and reversed so far (both ≥ 0). */
export interface ShareEntryState {
  /** The entry's idempotency key. */
  key: string;
  lineItemId: string;
  bookedSatang: number;
  reversedSatang: number;
}

export interface LineRefundState {
  lineItemId: string;
  paidSatang: number;
  refundedSatang: number;
  finalPaidSatang: number;
  /** What the line's entries must add up to: the rule applied to the net of what was finally paid. */
  shareTargetSatang: number;
}

export type RefundRefusalCode = "UNKNOWN_LINE" | "REFUND_EXCEEDS_PAID" | "CONFLICTING_REFUND" | "INVALID_REFUND";

export interface RefundRefusal {
  ok: false;
  code: RefundRefusalCode;
  refundId: string;
  message_th: string;
  message_en: string;
}

export type RefundAttribution =
  | { ok: true; lines: LineRefundState[]; parts: { refundId: string; lineItemId: string; satang: number }[] }
  | RefundRefusal;

/** The share a line's entries must add up to after `refundedSatang` of it was refunded. */
export function lineShareTarget(line: RefundableLine, refundedSatang = 0): Satang {
  assertSatang(line.paidSatang, `paid amount of line ${line.lineItemId}`);
  assertSatang(refundedSatang, "refunded amount");
  return applyBasisPoints(netOfVat(line.paidSatang - refundedSatang), line.basisPoints);
}

/**
 * Attributes refunds to lines. Each refund, in booking order, is split over the lines it names (all
 * lines when it names none) in proportion to what is still paid on them (largest remainder, line
 * ids as keys). Attribution is incremental, so a line's refunded amount only ever grows and never
 * passes what was paid: later reversals are therefore never negative. A refund id listed twice
 * with the same amount and lines counts once (a redelivered event); with different ones it is refused.
 */
export function attributeRefunds(lines: readonly RefundableLine[], refunds: readonly OrderRefund[]): RefundAttribution {
  const state = new Map<string, LineRefundState>();
  for (const line of lines) {
    if (state.has(line.lineItemId)) throw new Error(`line ${line.lineItemId} is listed twice`);
    assertSatang(line.paidSatang, `paid amount of line ${line.lineItemId}`);
    assertBasisPoints(line.basisPoints, `share rule of line ${line.lineItemId}`);
    state.set(line.lineItemId, {
      lineItemId: line.lineItemId,
      paidSatang: line.paidSatang,
      refundedSatang: 0,
      finalPaidSatang: line.paidSatang,
      shareTargetSatang: 0,
    });
  }
  const seen = new Map<string, string>();
  const parts: { refundId: string; lineItemId: string; satang: number }[] = [];

  for (const refund of refunds) {
    const named = refund.lineItemIds && refund.lineItemIds.length > 0 ? [...new Set(refund.lineItemIds)].sort() : null;
    const fingerprint = `${refund.satang}|${named ? named.join(",") : "*"}`;
    const before = seen.get(refund.refundId);
    if (before !== undefined) {
      if (before === fingerprint) continue;
      return {
        ok: false,
        code: "CONFLICTING_REFUND",
        refundId: refund.refundId,
        message_th: `การคืนเงิน ${refund.refundId} ถูกส่งมาสองครั้งด้วยยอดต่างกัน`,
        message_en: `Refund ${refund.refundId} was delivered twice with different amounts or lines.`,
      };
    }
    seen.set(refund.refundId, fingerprint);
    if (!isSatang(refund.satang) || refund.satang < 0) {
      return {
        ok: false,
        code: "INVALID_REFUND",
        refundId: refund.refundId,
        message_th: "ยอดคืนเงินต้องเป็นจำนวนเต็มสตางค์ไม่ติดลบ",
        message_en: `Refund ${refund.refundId} must be a non-negative whole number of satang, got ${String(refund.satang)}.`,
      };
    }
    const targets = named ?? [...state.keys()].sort();
    for (const id of targets) {
      if (!state.has(id)) {
        return {
          ok: false,
          code: "UNKNOWN_LINE",
          refundId: refund.refundId,
          message_th: `การคืนเงินอ้างถึงรายการสินค้าที่ไม่อยู่ในคำสั่งซื้อนี้ (${id})`,
          message_en: `Refund ${refund.refundId} names line item ${id}, which is not in this order.`,
        };
      }
    }
    const open = targets.map((id) => state.get(id) as LineRefundState);
    const openTotal = open.reduce((s, l) => s + l.finalPaidSatang, 0);
    if (refund.satang > openTotal) {
      return {
        ok: false,
        code: "REFUND_EXCEEDS_PAID",
        refundId: refund.refundId,
        message_th: `ยอดคืนเงิน ${formatBaht(refund.satang)} มากกว่ายอดที่ลูกค้าจ่ายและยังไม่ได้คืน (${formatBaht(openTotal)})`,
        message_en: `Refund ${refund.refundId} of ${formatBaht(refund.satang)} is more than what is still paid on its lines (${formatBaht(openTotal)}).`,
      };
    }
    if (refund.satang === 0) continue;
    const split = splitLargestRemainder(
      refund.satang,
      open.map((l) => l.finalPaidSatang),
      { keys: open.map((l) => l.lineItemId) },
    );
    open.forEach((l, i) => {
      const part = split[i] as number;
      if (part === 0) return;
      l.refundedSatang += part;
      l.finalPaidSatang -= part;
      parts.push({ refundId: refund.refundId, lineItemId: l.lineItemId, satang: part });
    });
  }

  const result = lines.map((line) => {
    const s = state.get(line.lineItemId) as LineRefundState;
    s.shareTargetSatang = applyBasisPoints(netOfVat(s.finalPaidSatang), line.basisPoints);
    return s;
  });
  return { ok: true, lines: result, parts };
}

export interface LineReversal extends LineRefundState {
  /** Booked minus reversed so far, over the line's entries. */
  remainingBeforeSatang: number;
  reverseSatang: number;
  /**
   * > 0 when the line's entries add up to LESS than its target (its share is not fully booked yet,
   * e.g. units not allocated): nothing is reversed, and at most the target may still be booked.
   */
  behindSatang: number;
}

export type RefundReversalPlan =
  | {
      ok: true;
      lines: LineReversal[];
      /** Per entry, only amounts > 0; each is at most what the entry still holds. */
      reversals: { key: string; lineItemId: string; satang: number }[];
      totalReversedSatang: number;
    }
  | RefundRefusal;

/**
 * What to reverse, per entry, after the order's refunds (all of them, newest last), so that each
 * line's entries add up to its share rule applied to the net of what the customer finally paid for
 * it. A line's amount to reverse is spread over its entries in proportion to what each still holds
 * (largest remainder, entry keys), so no entry is reversed below zero, the total reversed never
 * exceeds what was booked, and a full refund reverses everything. Running it again after the
 * reversals were booked yields nothing (idempotent).
 */
export function planRefundReversal(input: {
  lines: readonly RefundableLine[];
  entries: readonly ShareEntryState[];
  refunds: readonly OrderRefund[];
}): RefundReversalPlan {
  const attribution = attributeRefunds(input.lines, input.refunds);
  if (!attribution.ok) return attribution;

  const byLine = new Map<string, ShareEntryState[]>();
  const keys = new Set<string>();
  for (const e of input.entries) {
    if (keys.has(e.key)) throw new Error(`entry ${e.key} is listed twice`);
    keys.add(e.key);
    assertSatang(e.bookedSatang, `booked amount of ${e.key}`);
    assertSatang(e.reversedSatang, `reversed amount of ${e.key}`);
    if (e.reversedSatang > e.bookedSatang) throw new Error(`entry ${e.key} is reversed by more than was booked`);
    const list = byLine.get(e.lineItemId);
    if (list) list.push(e);
    else byLine.set(e.lineItemId, [e]);
  }
  for (const lineItemId of byLine.keys()) {
    if (!attribution.lines.some((l) => l.lineItemId === lineItemId)) {
      throw new Error(`entries refer to line ${lineItemId}, which is not among the order's lines`);
    }
  }

  const lines: LineReversal[] = [];
  const reversals: { key: string; lineItemId: string; satang: number }[] = [];
  let total = 0;
  for (const line of attribution.lines) {
    const entries = (byLine.get(line.lineItemId) ?? []).slice().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const remaining = entries.map((e) => e.bookedSatang - e.reversedSatang);
    const remainingTotal = remaining.reduce((s, r) => s + r, 0);
    const reverse = Math.max(0, remainingTotal - line.shareTargetSatang);
    lines.push({
      ...line,
      remainingBeforeSatang: remainingTotal,
      reverseSatang: reverse,
      behindSatang: Math.max(0, line.shareTargetSatang - remainingTotal),
    });
    if (reverse === 0) continue;
    const split = splitLargestRemainder(reverse, remaining, { keys: entries.map((e) => e.key) });
    entries.forEach((e, i) => {
      const satang = split[i] as number;
      if (satang > 0) reversals.push({ key: e.key, lineItemId: e.lineItemId, satang });
    });
    total += reverse;
  }
  return { ok: true, lines, reversals, totalReversedSatang: total };
}
