/**
 * The household income ledger: what the group owes each grower household, entry by entry.
 * PRIVATE: a household's money is never public (see public-share.ts for the only public figure).
 *
 * Sign convention (decision 0017): an entry's `satang` is the change in what the group owes the
 * household. farm_gate_purchase and sales_share are > 0; a reversal (of a sales share, after a
 * refund or cancellation) and a payment (money handed to the household) are < 0. The balance owed
 * is the plain sum. Entries are append-only: a correction is a new entry.
 *
 * Every entry has an idempotency key built from its source, so the same event booked twice (a
 * redelivered webhook, a retried workflow step) books once:
 *   farm_gate_purchase:<harvest lot>             one per harvest lot
 *   farm_gate_purchase:<harvest lot>:<correction> the purchase again after a correction (decision 0067)
 *   sales_share:<line item>:<unit allocation>:<household>
 *   reversal:<refund>:<key of the entry reversed>
 *   reversal:<correction | "void">:<key of the purchase reversed>   a corrected or voided harvest lot
 *   payment:<payout>:<household>
 * Each part is percent-encoded, so an id containing ":" cannot make two keys collide.
 *
 * Dates: entries carry the instant they were booked; statements and payout runs use the Bangkok
 * calendar day and month of that instant.
 */

import { assertCalendarDate, bangkokCalendarDate, type CalendarDate, type Instant, instantToEpochMs, isCalendarDate } from "./calendar-date";
import { farmGateAmount, formatBaht, MoneyError, type RefundReversalPlan, type Satang, splitEvenly, splitLargestRemainder, sumSatang } from "./money";

export const LEDGER_ENTRY_KINDS = ["farm_gate_purchase", "sales_share", "reversal", "payment"] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

export type PaymentMethod = "cash" | "bank_transfer" | "promptpay";
export const PAYMENT_METHODS: readonly PaymentMethod[] = ["cash", "bank_transfer", "promptpay"];

export type LedgerSource =
  | {
      type: "harvest_lot";
      harvestLotId: string;
      grams: number;
      pricePerKgSatang: number;
      priceId: string | null;
      /** The correction that booked this entry (a purchase again, or the reversal of the one before); "void" for a void. */
      correctionId?: string;
      /** On a reversal: the key of the purchase it takes back. */
      reversedKey?: string;
    }
  | { type: "unit_sale"; orderId: string; lineItemId: string; unitAllocationId: string; batchId: string; basisPoints: number }
  | { type: "refund"; refundId: string; orderId: string; reversedKey: string }
  | { type: "payout"; payoutId: string; method: PaymentMethod; receiptNumber: string | null; paidByName?: string | null };

export interface LedgerEntry {
  idempotencyKey: string;
  householdId: string;
  kind: LedgerEntryKind;
  /** Signed: + the group owes the household more, − less. */
  satang: Satang;
  source: LedgerSource;
  /** ISO instant with an offset or Z. */
  bookedAt: string;
  /** Admin user who booked it (null for automatic bookings such as a captured payment). */
  bookedBy: string | null;
}

export type LedgerRefusalCode =
  | "WRONG_SIGN"
  | "WRONG_SOURCE"
  | "INVALID_AMOUNT"
  | "PAYMENT_EXCEEDS_BALANCE"
  | "NO_HOUSEHOLDS"
  | "NO_UNITS"
  | "CONFLICTING_ENTRY";

export class LedgerError extends Error {
  override readonly name = "LedgerError";
  readonly code: LedgerRefusalCode;
  readonly message_th: string;
  readonly message_en: string;

  constructor(code: LedgerRefusalCode, message_th: string, message_en: string) {
    super(message_en);
    this.code = code;
    this.message_th = message_th;
    this.message_en = message_en;
  }
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys
// ---------------------------------------------------------------------------------------------

function key(kind: LedgerEntryKind, ...parts: string[]): string {
  for (const p of parts) {
    if (typeof p !== "string" || p === "") throw new RangeError(`a ${kind} key needs non-empty ids, got ${JSON.stringify(p)}`);
  }
  return [kind, ...parts.map(encodeURIComponent)].join(":");
}

export function farmGatePurchaseKey(harvestLotId: string, correctionId?: string): string {
  return correctionId === undefined ? key("farm_gate_purchase", harvestLotId) : key("farm_gate_purchase", harvestLotId, correctionId);
}

export function salesShareKey(lineItemId: string, unitAllocationId: string, householdId: string): string {
  return key("sales_share", lineItemId, unitAllocationId, householdId);
}

export function reversalKey(refundId: string, reversedKey: string): string {
  return key("reversal", refundId, reversedKey);
}

export function paymentKey(payoutId: string, householdId: string): string {
  return key("payment", payoutId, householdId);
}

/** The key an entry must carry, from its kind, source and household. */
export function idempotencyKeyOf(entry: Pick<LedgerEntry, "kind" | "source" | "householdId">): string {
  const s = entry.source;
  switch (entry.kind) {
    case "farm_gate_purchase":
      if (s.type === "harvest_lot" && s.reversedKey === undefined) return farmGatePurchaseKey(s.harvestLotId, s.correctionId);
      break;
    case "sales_share":
      if (s.type === "unit_sale") return salesShareKey(s.lineItemId, s.unitAllocationId, entry.householdId);
      break;
    case "reversal":
      if (s.type === "refund") return reversalKey(s.refundId, s.reversedKey);
      if (s.type === "harvest_lot" && s.correctionId !== undefined && s.reversedKey !== undefined) return reversalKey(s.correctionId, s.reversedKey);
      break;
    case "payment":
      if (s.type === "payout") return paymentKey(s.payoutId, entry.householdId);
      break;
  }
  throw new LedgerError("WRONG_SOURCE", "แหล่งที่มาของรายการไม่ตรงกับประเภท", `a ${entry.kind} entry cannot have a ${s.type} source`);
}

/** Throws LedgerError unless the entry's sign, source and key follow the conventions above. */
export function assertValidEntry(entry: LedgerEntry): void {
  if (!Number.isSafeInteger(entry.satang) || entry.satang === 0) {
    throw new LedgerError("INVALID_AMOUNT", "ยอดเงินต้องเป็นจำนวนเต็มสตางค์และไม่เป็นศูนย์", `entry ${entry.idempotencyKey}: amount must be a non-zero whole number of satang`);
  }
  const positive = entry.kind === "farm_gate_purchase" || entry.kind === "sales_share";
  if (positive !== entry.satang > 0) {
    throw new LedgerError(
      "WRONG_SIGN",
      "เครื่องหมายของยอดเงินไม่ถูกต้องสำหรับประเภทรายการนี้",
      `entry ${entry.idempotencyKey}: a ${entry.kind} must be ${positive ? "positive" : "negative"}`,
    );
  }
  if (idempotencyKeyOf(entry) !== entry.idempotencyKey) {
    throw new LedgerError("WRONG_SOURCE", "รหัสรายการไม่ตรงกับแหล่งที่มา", `entry ${entry.idempotencyKey}: the key does not match its source`);
  }
  instantToEpochMs(entry.bookedAt);
}

export interface BookingResult {
  /** New entries to insert (each key once). */
  toBook: LedgerEntry[];
  /** Proposed entries already in the ledger with the same key and content: nothing to do. */
  alreadyBooked: LedgerEntry[];
}

function sameContent(a: LedgerEntry, b: LedgerEntry): boolean {
  return a.householdId === b.householdId && a.kind === b.kind && a.satang === b.satang;
}

/**
 * Books `proposed` against the `existing` ledger so that each idempotency key is booked once. A key
 * seen again with the same household, kind and amount is a duplicate (skipped); with different
 * ones it is a conflict and nothing is booked (LedgerError CONFLICTING_ENTRY).
 */
export function bookOnce(existing: Iterable<LedgerEntry>, proposed: readonly LedgerEntry[]): BookingResult {
  const known = new Map<string, LedgerEntry>();
  for (const e of existing) known.set(e.idempotencyKey, e);
  const toBook: LedgerEntry[] = [];
  const alreadyBooked: LedgerEntry[] = [];
  for (const e of proposed) {
    assertValidEntry(e);
    const before = known.get(e.idempotencyKey);
    if (before) {
      if (!sameContent(before, e)) {
        throw new LedgerError(
          "CONFLICTING_ENTRY",
          "รายการนี้ถูกบันทึกไว้แล้วด้วยยอดเงินอื่น จึงไม่บันทึกซ้ำ",
          `${e.idempotencyKey} is already booked with ${before.satang} satang for ${before.householdId}; refusing ${e.satang} for ${e.householdId}`,
        );
      }
      alreadyBooked.push(e);
      continue;
    }
    known.set(e.idempotencyKey, e);
    toBook.push(e);
  }
  return { toBook, alreadyBooked };
}

// ---------------------------------------------------------------------------------------------
// Building entries
// ---------------------------------------------------------------------------------------------

function isoInstant(at: Instant): string {
  return new Date(instantToEpochMs(at)).toISOString();
}

/** The farm-gate purchase of a harvest lot: grams × the price valid on the harvest day. */
export function farmGatePurchaseEntry(input: {
  harvestLotId: string;
  householdId: string;
  grams: number;
  pricePerKgSatang: number;
  priceId?: string | null;
  bookedAt: Instant;
  bookedBy?: string | null;
  /** Set when a correction books the purchase again (its own key). */
  correctionId?: string;
}): LedgerEntry {
  const satang = farmGateAmount(input.grams, input.pricePerKgSatang);
  if (satang === 0) {
    throw new LedgerError("INVALID_AMOUNT", "ยอดรับซื้อเป็นศูนย์ ตรวจสอบราคาและน้ำหนัก", `harvest lot ${input.harvestLotId} comes to 0 satang`);
  }
  return {
    idempotencyKey: farmGatePurchaseKey(input.harvestLotId, input.correctionId),
    householdId: input.householdId,
    kind: "farm_gate_purchase",
    satang,
    source: {
      type: "harvest_lot",
      harvestLotId: input.harvestLotId,
      grams: input.grams,
      pricePerKgSatang: input.pricePerKgSatang,
      priceId: input.priceId ?? null,
      ...(input.correctionId === undefined ? {} : { correctionId: input.correctionId }),
    },
    bookedAt: isoInstant(input.bookedAt),
    bookedBy: input.bookedBy ?? null,
  };
}

/**
 * The purchase of a harvest lot that still stands: its farm-gate purchase entries (the first and those a
 * correction booked again) that no reversal took back. At most one, as corrections and voids reverse the
 * standing one before booking another.
 */
export function standingFarmGatePurchase(entries: readonly LedgerEntry[], harvestLotId: string): LedgerEntry | null {
  const mine = entries.filter((e) => e.source.type === "harvest_lot" && e.source.harvestLotId === harvestLotId);
  const reversed = new Set(mine.flatMap((e) => (e.kind === "reversal" && e.source.type === "harvest_lot" && e.source.reversedKey ? [e.source.reversedKey] : [])));
  const standing = mine.filter((e) => e.kind === "farm_gate_purchase" && !reversed.has(e.idempotencyKey));
  return standing[standing.length - 1] ?? null;
}

/**
 * A corrected or voided harvest lot in the append-only ledger (decision 0067): the standing purchase is
 * reversed in full (to the household it was owed to) and, for a correction with a price on the new harvest
 * day, the purchase is booked again at that price. `correctionId` is the correction's id, or "void".
 */
export function harvestRebookEntries(input: {
  harvestLotId: string;
  correctionId: string;
  entries: readonly LedgerEntry[];
  purchase: { householdId: string; grams: number; pricePerKgSatang: number; priceId: string | null } | null;
  bookedAt: Instant;
  bookedBy?: string | null;
}): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  const standing = standingFarmGatePurchase(input.entries, input.harvestLotId);
  if (standing && standing.source.type === "harvest_lot") {
    out.push({
      idempotencyKey: reversalKey(input.correctionId, standing.idempotencyKey),
      householdId: standing.householdId,
      kind: "reversal",
      satang: -standing.satang,
      source: { ...standing.source, correctionId: input.correctionId, reversedKey: standing.idempotencyKey },
      bookedAt: isoInstant(input.bookedAt),
      bookedBy: input.bookedBy ?? null,
    });
  }
  if (input.purchase) {
    out.push(
      farmGatePurchaseEntry({
        harvestLotId: input.harvestLotId,
        householdId: input.purchase.householdId,
        grams: input.purchase.grams,
        pricePerKgSatang: input.purchase.pricePerKgSatang,
        priceId: input.purchase.priceId,
        bookedAt: input.bookedAt,
        bookedBy: input.bookedBy ?? null,
        correctionId: input.correctionId,
      }),
    );
  }
  return out;
}

/** A household's grams in a batch's mass balance. */
export interface BatchHouseholdWeight {
  householdId: string;
  grams: number;
}

/**
 * The sales share of one order line: `lineShareSatang` (the rule applied to the line's net revenue,
 * see money.ts `lineShareTarget`) is split evenly over the line's units (largest remainder, unit
 * allocation ids as keys), and each unit's part over the households of its batch by their grams
 * (largest remainder, household ids as keys). The entries add up to exactly `lineShareSatang`;
 * households whose part rounds to zero get no entry.
 */
export function salesShareEntries(input: {
  orderId: string;
  lineItemId: string;
  lineShareSatang: number;
  basisPoints: number;
  units: readonly { unitAllocationId: string; batchId: string }[];
  /** Mass balance per batch. */
  batchHouseholds: Readonly<Record<string, readonly BatchHouseholdWeight[]>>;
  bookedAt: Instant;
  bookedBy?: string | null;
}): LedgerEntry[] {
  if (!Number.isSafeInteger(input.lineShareSatang) || input.lineShareSatang < 0) {
    throw new MoneyError("NOT_SATANG", "ส่วนแบ่งต้องเป็นจำนวนเต็มสตางค์", `line share must be a non-negative whole number of satang, got ${input.lineShareSatang}`);
  }
  if (input.lineShareSatang === 0) return [];
  if (input.units.length === 0) {
    throw new LedgerError("NO_UNITS", "ยังไม่มีสินค้าที่จัดสรรให้รายการนี้", `line ${input.lineItemId} has no allocated units to attribute its share to`);
  }
  const bookedAt = isoInstant(input.bookedAt);
  const unitParts = splitEvenly(
    input.lineShareSatang,
    input.units.map((u) => u.unitAllocationId),
  );
  const entries: LedgerEntry[] = [];
  input.units.forEach((unit, i) => {
    const unitSatang = unitParts[i] as number;
    if (unitSatang === 0) return;
    const households = input.batchHouseholds[unit.batchId] ?? [];
    if (households.length === 0 || households.every((h) => h.grams === 0)) {
      throw new LedgerError("NO_HOUSEHOLDS", "รุ่นการผลิตนี้ไม่มีข้อมูลครัวเรือนผู้ปลูก", `batch ${unit.batchId} has no households in its mass balance`);
    }
    const parts = splitLargestRemainder(
      unitSatang,
      households.map((h) => h.grams),
      { keys: households.map((h) => h.householdId) },
    );
    households.forEach((h, j) => {
      const satang = parts[j] as number;
      if (satang === 0) return;
      entries.push({
        idempotencyKey: salesShareKey(input.lineItemId, unit.unitAllocationId, h.householdId),
        householdId: h.householdId,
        kind: "sales_share",
        satang,
        source: {
          type: "unit_sale",
          orderId: input.orderId,
          lineItemId: input.lineItemId,
          unitAllocationId: unit.unitAllocationId,
          batchId: unit.batchId,
          basisPoints: input.basisPoints,
        },
        bookedAt,
        bookedBy: input.bookedBy ?? null,
      });
    });
  });
  return entries;
}

/** Reversal entries for a refund plan (money.ts `planRefundReversal`), one per entry reversed. */
export function reversalEntries(
  plan: RefundReversalPlan,
  input: { refundId: string; orderId: string; entries: readonly LedgerEntry[]; bookedAt: Instant; bookedBy?: string | null },
): LedgerEntry[] {
  if (!plan.ok) throw new LedgerError("INVALID_AMOUNT", plan.message_th, plan.message_en);
  const byKey = new Map(input.entries.map((e) => [e.idempotencyKey, e]));
  const bookedAt = isoInstant(input.bookedAt);
  return plan.reversals.map((r) => {
    const reversed = byKey.get(r.key);
    if (!reversed) throw new Error(`the plan reverses ${r.key}, which is not among the entries given`);
    return {
      idempotencyKey: reversalKey(input.refundId, r.key),
      householdId: reversed.householdId,
      kind: "reversal" as const,
      satang: -r.satang,
      source: { type: "refund" as const, refundId: input.refundId, orderId: input.orderId, reversedKey: r.key },
      bookedAt,
      bookedBy: input.bookedBy ?? null,
    };
  });
}

/**
 * The sales-share entries of an order as money.ts `planRefundReversal` needs them: booked and
 * reversed so far, per entry. `entries` may be the whole ledger; only this order's are used.
 */
export function shareEntryStates(entries: readonly LedgerEntry[], orderId: string): { key: string; lineItemId: string; bookedSatang: number; reversedSatang: number }[] {
  const states = new Map<string, { key: string; lineItemId: string; bookedSatang: number; reversedSatang: number }>();
  for (const e of entries) {
    if (e.kind === "sales_share" && e.source.type === "unit_sale" && e.source.orderId === orderId) {
      states.set(e.idempotencyKey, { key: e.idempotencyKey, lineItemId: e.source.lineItemId, bookedSatang: e.satang, reversedSatang: 0 });
    }
  }
  for (const e of entries) {
    if (e.kind === "reversal" && e.source.type === "refund" && e.source.orderId === orderId) {
      const s = states.get(e.source.reversedKey);
      if (!s) throw new Error(`reversal ${e.idempotencyKey} reverses ${e.source.reversedKey}, which is not a sales share of order ${orderId}`);
      s.reversedSatang += -e.satang;
    }
  }
  return [...states.values()];
}

/** Refuses a payment that is not a positive amount or is more than the household is owed. */
export function checkPayment(balanceOwedSatang: number, amountSatang: number): { ok: true } | { ok: false; code: LedgerRefusalCode; message_th: string; message_en: string } {
  if (!Number.isSafeInteger(amountSatang) || amountSatang <= 0) {
    return {
      ok: false,
      code: "INVALID_AMOUNT",
      message_th: "ยอดจ่ายต้องมากกว่า 0 และละเอียดไม่เกินสตางค์",
      message_en: `The payment must be a positive whole number of satang, got ${String(amountSatang)}.`,
    };
  }
  if (amountSatang > balanceOwedSatang) {
    return {
      ok: false,
      code: "PAYMENT_EXCEEDS_BALANCE",
      message_th: `ยอดจ่าย ${formatBaht(amountSatang)} มากกว่ายอดค้างจ่ายให้ครัวเรือน (${formatBaht(Math.max(0, balanceOwedSatang))})`,
      message_en: `The payment of ${formatBaht(amountSatang)} is more than the household is owed (${formatBaht(Math.max(0, balanceOwedSatang))}).`,
    };
  }
  return { ok: true };
}

/** A payment to a household (reduces what it is owed). */
export function paymentEntry(input: {
  payoutId: string;
  householdId: string;
  amountSatang: number;
  method: PaymentMethod;
  receiptNumber?: string | null;
  paidAt: Instant;
  paidBy: string | null;
}): LedgerEntry {
  if (!Number.isSafeInteger(input.amountSatang) || input.amountSatang <= 0) {
    throw new LedgerError("INVALID_AMOUNT", "ยอดจ่ายต้องมากกว่า 0", `payment amount must be a positive whole number of satang, got ${input.amountSatang}`);
  }
  if (!PAYMENT_METHODS.includes(input.method)) throw new RangeError(`unknown payment method ${JSON.stringify(input.method)}`);
  return {
    idempotencyKey: paymentKey(input.payoutId, input.householdId),
    householdId: input.householdId,
    kind: "payment",
    satang: -input.amountSatang,
    source: { type: "payout", payoutId: input.payoutId, method: input.method, receiptNumber: input.receiptNumber ?? null },
    bookedAt: isoInstant(input.paidAt),
    bookedBy: input.paidBy,
  };
}

// ---------------------------------------------------------------------------------------------
// Balances, statements, payout runs
// ---------------------------------------------------------------------------------------------

/** Bangkok calendar day an entry was booked. */
export function entryDate(entry: Pick<LedgerEntry, "bookedAt">): CalendarDate {
  return bangkokCalendarDate(entry.bookedAt);
}

/** What the group owes `householdId`, from entries booked up to the end of `asOf` (Bangkok), or all. */
export function balanceOwed(entries: readonly LedgerEntry[], householdId: string, asOf?: CalendarDate): Satang {
  if (asOf !== undefined) assertCalendarDate(asOf, "asOf");
  return sumSatang(entries.filter((e) => e.householdId === householdId && (asOf === undefined || entryDate(e) <= asOf)).map((e) => e.satang));
}

/** Balance per household (every household with an entry), up to the end of `asOf` or all. */
export function balancesByHousehold(entries: readonly LedgerEntry[], asOf?: CalendarDate): Map<string, Satang> {
  if (asOf !== undefined) assertCalendarDate(asOf, "asOf");
  const sums = new Map<string, bigint>();
  for (const e of entries) {
    if (asOf !== undefined && entryDate(e) > asOf) continue;
    if (!Number.isSafeInteger(e.satang)) throw new MoneyError("NOT_SATANG", "ยอดเงินไม่ถูกต้อง", `entry ${e.idempotencyKey} has a non-integer amount`);
    sums.set(e.householdId, (sums.get(e.householdId) ?? 0n) + BigInt(e.satang));
  }
  return new Map([...sums].map(([h, s]) => [h, sumSatang([Number(s)])]));
}

/** "YYYY-MM" and its first and last day. */
export function monthBounds(month: string): { month: string; from: CalendarDate; to: CalendarDate } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const from = `${month}-01`;
  if (!m || !isCalendarDate(from)) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(month)}`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const next = mon === 12 ? `${String(year + 1).padStart(4, "0")}-01-01` : `${m[1]}-${String(mon + 1).padStart(2, "0")}-01`;
  const lastDay = new Date(`${next}T00:00:00Z`);
  lastDay.setUTCDate(0);
  return { month, from, to: lastDay.toISOString().slice(0, 10) };
}

/** What a statement line stands for: the harvest lot, the order and batch, the refund, or the payout. */
export type StatementSource =
  | { type: "harvest_lot"; harvestLotId: string; grams: number; pricePerKgSatang: number }
  | { type: "order_batch"; orderId: string; batchId: string; units: number }
  | { type: "refund"; refundId: string; orderId: string }
  | { type: "payout"; payoutId: string; method: PaymentMethod; receiptNumber: string | null };

export interface StatementLine {
  kind: LedgerEntryKind;
  /** First Bangkok day an entry of this line was booked in the month. */
  date: CalendarDate;
  source: StatementSource;
  satang: Satang;
  entries: number;
}

export interface MonthlyStatement {
  householdId: string;
  month: string;
  from: CalendarDate;
  to: CalendarDate;
  openingBalanceSatang: Satang;
  /** Per kind, the month's sum (payments and reversals negative). */
  totals: Record<LedgerEntryKind, Satang>;
  /** Grouped by source, by date, then kind, then source. */
  lines: StatementLine[];
  closingBalanceSatang: Satang;
}

function groupOf(e: LedgerEntry): { id: string; source: StatementSource } {
  const s = e.source;
  switch (s.type) {
    case "harvest_lot":
      return { id: `h|${s.harvestLotId}`, source: { type: "harvest_lot", harvestLotId: s.harvestLotId, grams: s.grams, pricePerKgSatang: s.pricePerKgSatang } };
    case "unit_sale":
      return { id: `s|${s.orderId}|${s.batchId}`, source: { type: "order_batch", orderId: s.orderId, batchId: s.batchId, units: 0 } };
    case "refund":
      return { id: `r|${s.refundId}|${s.orderId}`, source: { type: "refund", refundId: s.refundId, orderId: s.orderId } };
    case "payout":
      return { id: `p|${s.payoutId}`, source: { type: "payout", payoutId: s.payoutId, method: s.method, receiptNumber: s.receiptNumber } };
  }
}

/**
 * One household's statement for a Bangkok month: opening balance (everything before the 1st),
 * the month's entries grouped by source, totals per kind, closing balance. Opening + totals =
 * closing, and the lines add up to the totals, always.
 */
export function monthlyStatement(entries: readonly LedgerEntry[], householdId: string, month: string): MonthlyStatement {
  const { from, to } = monthBounds(month);
  const mine = entries.filter((e) => e.householdId === householdId);
  const opening = sumSatang(mine.filter((e) => entryDate(e) < from).map((e) => e.satang));
  const inMonth = mine.filter((e) => {
    const d = entryDate(e);
    return d >= from && d <= to;
  });

  const totals = Object.fromEntries(LEDGER_ENTRY_KINDS.map((k) => [k, 0])) as Record<LedgerEntryKind, Satang>;
  const groups = new Map<string, StatementLine & { units: Set<string> }>();
  for (const e of inMonth) {
    totals[e.kind] = sumSatang([totals[e.kind], e.satang]);
    const { id, source } = groupOf(e);
    const gid = `${e.kind}|${id}`;
    const date = entryDate(e);
    const g = groups.get(gid);
    if (g) {
      g.satang = sumSatang([g.satang, e.satang]);
      g.entries += 1;
      if (date < g.date) g.date = date;
      if (e.source.type === "unit_sale") g.units.add(e.source.unitAllocationId);
    } else {
      const units = new Set<string>();
      if (e.source.type === "unit_sale") units.add(e.source.unitAllocationId);
      groups.set(gid, { kind: e.kind, date, source, satang: e.satang, entries: 1, units });
    }
  }
  const kindOrder = (k: LedgerEntryKind) => LEDGER_ENTRY_KINDS.indexOf(k);
  const lines: StatementLine[] = [...groups.entries()]
    .sort(([ka, a], [kb, b]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : kindOrder(a.kind) - kindOrder(b.kind) || (ka < kb ? -1 : ka > kb ? 1 : 0)))
    .map(([, g]) => {
      const source: StatementSource = g.source.type === "order_batch" ? { ...g.source, units: g.units.size } : g.source;
      return { kind: g.kind, date: g.date, source, satang: g.satang, entries: g.entries };
    });
  const closing = sumSatang([opening, ...LEDGER_ENTRY_KINDS.map((k) => totals[k])]);
  return { householdId, month, from, to, openingBalanceSatang: opening, totals, lines, closingBalanceSatang: closing };
}

export interface PayoutRun {
  asOf: CalendarDate;
  /** Households owed at least the minimum, by household id: pay each its whole balance. */
  payees: { householdId: string; balanceSatang: Satang }[];
  totalSatang: Satang;
  /** Households whose balance is negative (paid more than earned): listed so someone looks. */
  negative: { householdId: string; balanceSatang: Satang }[];
}

/** The payout run ("จ่ายเงินรอบเดือน") from balances at the end of `asOf` (Bangkok). */
export function payoutRun(entries: readonly LedgerEntry[], asOf: CalendarDate, options: { minimumSatang?: number } = {}): PayoutRun {
  const minimum = options.minimumSatang ?? 1;
  if (!Number.isSafeInteger(minimum) || minimum < 1) throw new RangeError(`minimumSatang must be a positive integer, got ${minimum}`);
  const balances = [...balancesByHousehold(entries, asOf)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const payees = balances.filter(([, b]) => b >= minimum).map(([householdId, balanceSatang]) => ({ householdId, balanceSatang }));
  const negative = balances.filter(([, b]) => b < 0).map(([householdId, balanceSatang]) => ({ householdId, balanceSatang }));
  return { asOf, payees, totalSatang: sumSatang(payees.map((p) => p.balanceSatang)), negative };
}

/** The payment entries that settle a payout run (one per payee; receipt numbers by household). */
export function payoutEntries(
  run: PayoutRun,
  input: { payoutId: string; method: PaymentMethod; paidAt: Instant; paidBy: string | null; receiptNumbers?: Readonly<Record<string, string>> },
): LedgerEntry[] {
  return run.payees.map((p) =>
    paymentEntry({
      payoutId: input.payoutId,
      householdId: p.householdId,
      amountSatang: p.balanceSatang,
      method: input.method,
      receiptNumber: input.receiptNumbers?.[p.householdId] ?? null,
      paidAt: input.paidAt,
      paidBy: input.paidBy,
    }),
  );
}
