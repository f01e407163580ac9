import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertValidEntry,
  balanceOwed,
  balancesByHousehold,
  bookOnce,
  checkPayment,
  farmGatePurchaseEntry,
  farmGatePurchaseKey,
  harvestRebookEntries,
  idempotencyKeyOf,
  type LedgerEntry,
  LedgerError,
  monthBounds,
  monthlyStatement,
  paymentEntry,
  paymentKey,
  payoutEntries,
  payoutRun,
  reversalEntries,
  reversalKey,
  salesShareEntries,
  salesShareKey,
  shareEntryStates,
  standingFarmGatePurchase,
} from "./ledger";
import { lineShareTarget, planRefundReversal } from "./money";

function ledgerError(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error("expected a LedgerError");
}

const sum = (entries: readonly LedgerEntry[]) => entries.reduce((s, e) => s + e.satang, 0);

// A batch of four households with awkward kg (thirds of 4 kg, and 2.5 kg).
const BATCH_HOUSEHOLDS = {
  "batch-1": [
    { householdId: "hh-a", grams: 1333 },
    { householdId: "hh-b", grams: 1333 },
    { householdId: "hh-c", grams: 1334 },
    { householdId: "hh-d", grams: 2500 },
  ],
  "batch-2": [{ householdId: "hh-a", grams: 900 }],
};

describe("idempotency keys", () => {
  it("name the source of each kind of entry", () => {
    expect(farmGatePurchaseKey("hl_01")).toBe("farm_gate_purchase:hl_01");
    expect(salesShareKey("li_1", "ua_9", "hh_3")).toBe("sales_share:li_1:ua_9:hh_3");
    expect(paymentKey("po_2026_11", "hh_3")).toBe("payment:po_2026_11:hh_3");
    expect(reversalKey("re_1", "sales_share:li_1:ua_9:hh_3")).toBe("reversal:re_1:sales_share%3Ali_1%3Aua_9%3Ahh_3");
  });

  it("cannot collide through ids containing the separator", () => {
    expect(salesShareKey("a:b", "c", "d")).not.toBe(salesShareKey("a", "b:c", "d"));
    expect(() => farmGatePurchaseKey("")).toThrow(RangeError);
  });
});

describe("entries", () => {
  const bookedAt = "2026-11-03T09:15:00+07:00";

  it("books a farm-gate purchase as grams × price, positive", () => {
    const e = farmGatePurchaseEntry({ harvestLotId: "hl_1", householdId: "hh-a", grams: 12_500, pricePerKgSatang: 4500, priceId: "p2", bookedAt, bookedBy: "user_1" });
    expect(e).toEqual({
      idempotencyKey: "farm_gate_purchase:hl_1",
      householdId: "hh-a",
      kind: "farm_gate_purchase",
      satang: 56_250,
      source: { type: "harvest_lot", harvestLotId: "hl_1", grams: 12_500, pricePerKgSatang: 4500, priceId: "p2" },
      bookedAt: "2026-11-03T02:15:00.000Z",
      bookedBy: "user_1",
    });
    expect(() => assertValidEntry(e)).not.toThrow();
  });

  it("checks the sign convention and that the key matches the source", () => {
    const e = farmGatePurchaseEntry({ harvestLotId: "hl_1", householdId: "hh-a", grams: 1000, pricePerKgSatang: 4500, bookedAt });
    expect(ledgerError(() => assertValidEntry({ ...e, satang: -4500 })).code).toBe("WRONG_SIGN");
    expect(ledgerError(() => assertValidEntry({ ...e, satang: 0 })).code).toBe("INVALID_AMOUNT");
    expect(ledgerError(() => assertValidEntry({ ...e, idempotencyKey: "farm_gate_purchase:hl_2" })).code).toBe("WRONG_SOURCE");
    expect(ledgerError(() => assertValidEntry({ ...e, kind: "payment", satang: -1 })).code).toBe("WRONG_SOURCE");
    const p = paymentEntry({ payoutId: "po_1", householdId: "hh-a", amountSatang: 4500, method: "promptpay", receiptNumber: "R-001", paidAt: bookedAt, paidBy: "user_1" });
    expect(p.satang).toBe(-4500);
    expect(idempotencyKeyOf(p)).toBe("payment:po_1:hh-a");
    expect(ledgerError(() => assertValidEntry({ ...p, satang: 4500 })).code).toBe("WRONG_SIGN");
  });

  it("splits a line's share over its units, then over each batch's households by grams, to the satang", () => {
    const entries = salesShareEntries({
      orderId: "order_1",
      lineItemId: "li_1",
      lineShareSatang: 10_001,
      basisPoints: 1000,
      units: [
        { unitAllocationId: "ua_1", batchId: "batch-1" },
        { unitAllocationId: "ua_2", batchId: "batch-1" },
        { unitAllocationId: "ua_3", batchId: "batch-2" },
      ],
      batchHouseholds: BATCH_HOUSEHOLDS,
      bookedAt,
    });
    expect(sum(entries)).toBe(10_001);
    // units get 3334, 3334, 3333 (the smaller allocation ids take the odd satang)
    const perUnit = (ua: string) => sum(entries.filter((e) => e.source.type === "unit_sale" && e.source.unitAllocationId === ua));
    expect([perUnit("ua_1"), perUnit("ua_2"), perUnit("ua_3")]).toEqual([3334, 3334, 3333]);
    // batch-1: 3334 × (1333, 1333, 1334, 2500)/6500 = 683.7, 683.7, 684.2, 1282.3 → 684, 684, 684, 1282
    expect(entries.filter((e) => e.source.type === "unit_sale" && e.source.unitAllocationId === "ua_1").map((e) => [e.householdId, e.satang])).toEqual([
      ["hh-a", 684],
      ["hh-b", 684],
      ["hh-c", 684],
      ["hh-d", 1282],
    ]);
    expect(entries.find((e) => e.source.type === "unit_sale" && e.source.unitAllocationId === "ua_3")).toMatchObject({ householdId: "hh-a", satang: 3333 });
    for (const e of entries) assertValidEntry(e);
    expect(new Set(entries.map((e) => e.idempotencyKey)).size).toBe(entries.length);
  });

  it("books nothing for a zero share and refuses a share with no units or no households", () => {
    const base = { orderId: "o", lineItemId: "li", basisPoints: 0, batchHouseholds: BATCH_HOUSEHOLDS, bookedAt };
    expect(salesShareEntries({ ...base, lineShareSatang: 0, units: [] })).toEqual([]);
    expect(ledgerError(() => salesShareEntries({ ...base, lineShareSatang: 5, units: [] })).code).toBe("NO_UNITS");
    expect(ledgerError(() => salesShareEntries({ ...base, lineShareSatang: 5, units: [{ unitAllocationId: "u", batchId: "batch-x" }] })).code).toBe("NO_HOUSEHOLDS");
  });

  it("property: sales-share entries always add up to the line's share, all positive, deterministic", () => {
    const households = fc.uniqueArray(fc.constantFrom("h1", "h2", "h3", "h4", "h5", "h6", "h7"), { minLength: 1, maxLength: 7 }).chain((ids) =>
      fc.tuple(...ids.map((id) => fc.record({ householdId: fc.constant(id), grams: fc.integer({ min: 1, max: 50_000 }) }))),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.array(households, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 12 }),
        (share, batches, unitCount) => {
          const batchHouseholds = Object.fromEntries(batches.map((h, i) => [`b${i}`, h]));
          const units = Array.from({ length: unitCount }, (_, i) => ({ unitAllocationId: `ua_${i}`, batchId: `b${i % batches.length}` }));
          const input = { orderId: "o", lineItemId: "li", lineShareSatang: share, basisPoints: 1000, units, batchHouseholds, bookedAt };
          const entries = salesShareEntries(input);
          expect(sum(entries)).toBe(share);
          for (const e of entries) expect(e.satang).toBeGreaterThan(0);
          expect(salesShareEntries(input)).toEqual(entries);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("booking once", () => {
  const bookedAt = "2026-11-03T09:15:00+07:00";
  const e1 = farmGatePurchaseEntry({ harvestLotId: "hl_1", householdId: "hh-a", grams: 1000, pricePerKgSatang: 4500, bookedAt });
  const e2 = farmGatePurchaseEntry({ harvestLotId: "hl_2", householdId: "hh-b", grams: 2000, pricePerKgSatang: 4500, bookedAt });

  it("skips an event booked before and a duplicate within the same batch", () => {
    const r = bookOnce([e1], [e1, e2, e2]);
    expect(r.toBook).toEqual([e2]);
    expect(r.alreadyBooked).toEqual([e1, e2]);
  });

  it("refuses the same key with another amount or household", () => {
    expect(ledgerError(() => bookOnce([e1], [{ ...e1, satang: 4501 }])).code).toBe("CONFLICTING_ENTRY");
    expect(ledgerError(() => bookOnce([e1], [{ ...e1, householdId: "hh-z" }])).code).toBe("CONFLICTING_ENTRY");
  });
});

describe("corrected and voided harvest lots", () => {
  const bookedAt = "2026-11-03T09:15:00+07:00";
  const first = farmGatePurchaseEntry({ harvestLotId: "hl_1", householdId: "hh-a", grams: 12_345, pricePerKgSatang: 4550, bookedAt });

  it("reverses the standing purchase in full and books it again at the new price, under keys of the correction", () => {
    const c1 = harvestRebookEntries({ harvestLotId: "hl_1", correctionId: "hlc_1", entries: [first], purchase: { householdId: "hh-a", grams: 10_001, pricePerKgSatang: 3333, priceId: "p2" }, bookedAt });
    expect(c1.map((e) => [e.kind, e.satang, e.idempotencyKey])).toEqual([
      ["reversal", -56170, "reversal:hlc_1:farm_gate_purchase%3Ahl_1"],
      ["farm_gate_purchase", 33333, "farm_gate_purchase:hl_1:hlc_1"],
    ]);
    for (const e of c1) assertValidEntry(e);
    // A second correction reverses the purchase the first one booked, not the original again.
    const all = [first, ...c1];
    expect(standingFarmGatePurchase(all, "hl_1")?.idempotencyKey).toBe("farm_gate_purchase:hl_1:hlc_1");
    const v = harvestRebookEntries({ harvestLotId: "hl_1", correctionId: "void", entries: all, purchase: null, bookedAt });
    expect(v.map((e) => [e.kind, e.satang, e.idempotencyKey])).toEqual([["reversal", -33333, "reversal:void:farm_gate_purchase%3Ahl_1%3Ahlc_1"]]);
    expect(balanceOwed([...all, ...v], "hh-a")).toBe(0);
    expect(standingFarmGatePurchase([...all, ...v], "hl_1")).toBeNull();
  });

  it("reverses to the household the purchase was owed to when the plot (and household) changes", () => {
    const c = harvestRebookEntries({ harvestLotId: "hl_1", correctionId: "hlc_2", entries: [first], purchase: { householdId: "hh-b", grams: 12_345, pricePerKgSatang: 4550, priceId: null }, bookedAt });
    expect(balanceOwed([first, ...c], "hh-a")).toBe(0);
    expect(balanceOwed([first, ...c], "hh-b")).toBe(56170);
  });

  it("books nothing to reverse when the lot had no price, and nothing new without one", () => {
    expect(harvestRebookEntries({ harvestLotId: "hl_9", correctionId: "hlc_3", entries: [first], purchase: null, bookedAt })).toEqual([]);
  });
});

describe("refunds through the ledger", () => {
  it("reverses a partial refund and a cancellation exactly, each once", () => {
    const line = { lineItemId: "li_1", paidSatang: 3 * 35_000, basisPoints: 1000 };
    const share = lineShareTarget(line); // net 98 131 → 9 813
    expect(share).toBe(9813);
    const booked = salesShareEntries({
      orderId: "order_1",
      lineItemId: "li_1",
      lineShareSatang: share,
      basisPoints: 1000,
      units: ["ua_1", "ua_2", "ua_3"].map((id) => ({ unitAllocationId: id, batchId: "batch-1" })),
      batchHouseholds: BATCH_HOUSEHOLDS,
      bookedAt: "2026-11-03T10:00:00+07:00",
    });
    let ledger: LedgerEntry[] = [...booked];

    const refund = (refunds: { refundId: string; satang: number }[], at: string) => {
      const plan = planRefundReversal({ lines: [line], entries: shareEntryStates(ledger, "order_1"), refunds });
      const last = refunds[refunds.length - 1] as { refundId: string };
      const entries = reversalEntries(plan, { refundId: last.refundId, orderId: "order_1", entries: ledger, bookedAt: at });
      const { toBook } = bookOnce(ledger, entries);
      ledger = [...ledger, ...toBook];
      return toBook;
    };

    const r1 = refund([{ refundId: "re_1", satang: 35_000 }], "2026-11-05T10:00:00+07:00");
    expect(r1.every((e) => e.kind === "reversal" && e.satang < 0)).toBe(true);
    expect(sum(ledger)).toBe(lineShareTarget(line, 35_000)); // net 65 421 → 6 542
    // the same refund delivered again books nothing
    expect(refund([{ refundId: "re_1", satang: 35_000 }, { refundId: "re_1", satang: 35_000 }], "2026-11-05T11:00:00+07:00")).toEqual([]);
    refund([{ refundId: "re_1", satang: 35_000 }, { refundId: "cancel_1", satang: 70_000 }], "2026-11-06T10:00:00+07:00");
    expect(sum(ledger)).toBe(0);
    for (const h of ["hh-a", "hh-b", "hh-c", "hh-d"]) expect(balanceOwed(ledger, h)).toBe(0);
  });
});

describe("balances, statements and payout runs", () => {
  const fg = (id: string, hh: string, grams: number, at: string) =>
    farmGatePurchaseEntry({ harvestLotId: id, householdId: hh, grams, pricePerKgSatang: 4000, bookedAt: at });
  const entries: LedgerEntry[] = [
    fg("hl_1", "hh-a", 10_000, "2026-05-20T10:00:00+07:00"), // 40 000
    fg("hl_2", "hh-a", 2_500, "2026-06-30T23:30:00+07:00"), // 10 000, still June in Bangkok
    fg("hl_3", "hh-a", 5_000, "2026-06-30T17:30:00Z"), // 20 000, already 1 July in Bangkok
    fg("hl_4", "hh-b", 1_000, "2026-06-10T10:00:00+07:00"), // 4 000
    ...salesShareEntries({
      orderId: "order_7",
      lineItemId: "li_7",
      lineShareSatang: 3000,
      basisPoints: 1000,
      units: [
        { unitAllocationId: "ua_1", batchId: "batch-2" },
        { unitAllocationId: "ua_2", batchId: "batch-2" },
      ],
      batchHouseholds: BATCH_HOUSEHOLDS,
      bookedAt: "2026-06-15T12:00:00+07:00",
    }),
    paymentEntry({ payoutId: "po_may", householdId: "hh-a", amountSatang: 40_000, method: "cash", receiptNumber: "R-17", paidAt: "2026-06-01T09:00:00+07:00", paidBy: "user_1" }),
  ];

  it("computes what is owed, as of a Bangkok day", () => {
    expect(balanceOwed(entries, "hh-a")).toBe(40_000 + 10_000 + 20_000 + 3000 - 40_000);
    expect(balanceOwed(entries, "hh-a", "2026-06-30")).toBe(13_000);
    expect(balanceOwed(entries, "hh-a", "2026-05-31")).toBe(40_000);
    expect(Object.fromEntries(balancesByHousehold(entries, "2026-06-30"))).toEqual({ "hh-a": 13_000, "hh-b": 4000 });
  });

  it("makes a month's statement that adds up, grouped by source", () => {
    const s = monthlyStatement(entries, "hh-a", "2026-06");
    expect(s.from).toBe("2026-06-01");
    expect(s.to).toBe("2026-06-30");
    expect(s.openingBalanceSatang).toBe(40_000);
    expect(s.totals).toEqual({ farm_gate_purchase: 10_000, sales_share: 3000, reversal: 0, payment: -40_000 });
    expect(s.closingBalanceSatang).toBe(13_000);
    expect(s.lines).toEqual([
      { kind: "payment", date: "2026-06-01", source: { type: "payout", payoutId: "po_may", method: "cash", receiptNumber: "R-17" }, satang: -40_000, entries: 1 },
      { kind: "sales_share", date: "2026-06-15", source: { type: "order_batch", orderId: "order_7", batchId: "batch-2", units: 2 }, satang: 3000, entries: 2 },
      {
        kind: "farm_gate_purchase",
        date: "2026-06-30",
        source: { type: "harvest_lot", harvestLotId: "hl_2", grams: 2500, pricePerKgSatang: 4000 },
        satang: 10_000,
        entries: 1,
      },
    ]);
    const july = monthlyStatement(entries, "hh-a", "2026-07");
    expect(july.openingBalanceSatang).toBe(13_000);
    expect(july.lines.map((l) => l.source)).toEqual([expect.objectContaining({ harvestLotId: "hl_3" })]);
    expect(july.closingBalanceSatang).toBe(33_000);
    expect(monthlyStatement(entries, "hh-z", "2026-07")).toMatchObject({ openingBalanceSatang: 0, lines: [], closingBalanceSatang: 0 });
  });

  it("knows month bounds, leap years included", () => {
    expect(monthBounds("2028-02")).toEqual({ month: "2028-02", from: "2028-02-01", to: "2028-02-29" });
    expect(monthBounds("2026-12").to).toBe("2026-12-31");
    expect(() => monthBounds("2026-13")).toThrow(RangeError);
  });

  it("lists the households owed money for a payout run, and settles them exactly", () => {
    const withDebt = [...entries, paymentEntry({ payoutId: "po_x", householdId: "hh-c", amountSatang: 100, method: "cash", paidAt: "2026-06-02T09:00:00+07:00", paidBy: null })];
    const run = payoutRun(withDebt, "2026-06-30");
    expect(run.payees).toEqual([
      { householdId: "hh-a", balanceSatang: 13_000 },
      { householdId: "hh-b", balanceSatang: 4000 },
    ]);
    expect(run.totalSatang).toBe(17_000);
    expect(run.negative).toEqual([{ householdId: "hh-c", balanceSatang: -100 }]);
    const payments = payoutEntries(run, { payoutId: "po_jun", method: "bank_transfer", paidAt: "2026-07-02T10:00:00+07:00", paidBy: "user_2", receiptNumbers: { "hh-a": "R-18" } });
    expect(payments.map((p) => [p.idempotencyKey, p.satang])).toEqual([
      ["payment:po_jun:hh-a", -13_000],
      ["payment:po_jun:hh-b", -4000],
    ]);
    const after = [...withDebt, ...payments];
    expect(balanceOwed(after, "hh-a", "2026-07-02")).toBe(20_000); // July's harvest is still owed
    expect(balanceOwed(after, "hh-b")).toBe(0);
    expect(payoutRun(after, "2026-06-30", { minimumSatang: 1 }).payees.map((p) => p.householdId)).toEqual(["hh-a", "hh-b"]); // as of June, before the July payout
  });

  it("refuses a payment above the balance or not positive", () => {
    expect(checkPayment(1000, 1000)).toEqual({ ok: true });
    expect(checkPayment(1000, 1001)).toMatchObject({ ok: false, code: "PAYMENT_EXCEEDS_BALANCE" });
    expect(checkPayment(1000, 0)).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
    expect(checkPayment(1000, 10.5)).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
  });

  it("property: opening + the month's totals = closing, and the lines add up to the totals", () => {
    const entry = fc
      .record({
        kind: fc.constantFrom("fg", "pay"),
        hh: fc.constantFrom("hh-a", "hh-b"),
        amount: fc.integer({ min: 1, max: 10_000_000 }),
        at: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
        id: fc.uuid(),
      })
      .map((r): LedgerEntry =>
        r.kind === "fg"
          ? farmGatePurchaseEntry({ harvestLotId: r.id, householdId: r.hh, grams: r.amount, pricePerKgSatang: 1000, bookedAt: r.at })
          : paymentEntry({ payoutId: r.id, householdId: r.hh, amountSatang: r.amount, method: "cash", paidAt: r.at, paidBy: null }),
      );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (list, m) => {
        const month = `2026-${String(m).padStart(2, "0")}`;
        const s = monthlyStatement(list, "hh-a", month);
        const totals = Object.values(s.totals).reduce((a, b) => a + b, 0);
        expect(s.openingBalanceSatang + totals).toBe(s.closingBalanceSatang);
        expect(s.lines.reduce((a, l) => a + l.satang, 0)).toBe(totals);
        expect(s.closingBalanceSatang).toBe(balanceOwed(list, "hh-a", s.to));
      }),
      { numRuns: 200 },
    );
  });
});
