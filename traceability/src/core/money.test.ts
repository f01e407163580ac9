import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocateDiscount,
  applyBasisPoints,
  assertSatang,
  attributeRefunds,
  farmGateAmount,
  formatBaht,
  isSatang,
  lineRevenue,
  lineShareTarget,
  MoneyError,
  netOfVat,
  type OrderRefund,
  planRefundReversal,
  type RefundableLine,
  type ShareEntryState,
  splitEvenly,
  splitLargestRemainder,
  splitVatInclusive,
  sumSatang,
} from "./money";

function moneyError(fn: () => unknown): MoneyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MoneyError) return e;
    throw e;
  }
  throw new Error("expected a MoneyError");
}

describe("integer satang", () => {
  it("accepts safe integers only", () => {
    expect(isSatang(0)).toBe(true);
    expect(isSatang(-5)).toBe(true);
    expect(isSatang(Number.MAX_SAFE_INTEGER)).toBe(true);
    for (const bad of [1.5, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "100", null, undefined, 10n]) {
      expect(isSatang(bad), String(bad)).toBe(false);
    }
  });

  it("refuses non-integers and negatives with a code and both languages", () => {
    const e = moneyError(() => assertSatang(12.5, "price"));
    expect(e.code).toBe("NOT_SATANG");
    expect(e.message_en).toMatch(/price/);
    expect(e.message_th).toMatch(/สตางค์/);
    expect(moneyError(() => assertSatang(-1)).code).toBe("NEGATIVE_AMOUNT");
    expect(() => assertSatang(-1, "x", { allowNegative: true })).not.toThrow();
    expect(moneyError(() => sumSatang([Number.MAX_SAFE_INTEGER, 1])).code).toBe("NOT_SATANG");
    expect(sumSatang([5, -3, 10])).toBe(12);
  });

  it("formats baht for people", () => {
    expect(formatBaht(123456)).toBe("฿1,234.56");
    expect(formatBaht(5)).toBe("฿0.05");
    expect(formatBaht(-1200)).toBe("-฿12.00");
    expect(formatBaht(3800, { wholeBahtWhenExact: true })).toBe("฿38");
    expect(formatBaht(3850, { wholeBahtWhenExact: true })).toBe("฿38.50");
    expect(formatBaht(123456789000)).toBe("฿1,234,567,890.00");
  });
});

describe("splitLargestRemainder", () => {
  it("splits thirds so they add up, the odd satang going by key", () => {
    expect(splitLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitLargestRemainder(100, [1, 1, 1], { keys: ["hh-c", "hh-b", "hh-a"] })).toEqual([33, 33, 34]);
    expect(splitLargestRemainder(200, [1, 1, 1], { keys: ["hh-c", "hh-b", "hh-a"] })).toEqual([66, 67, 67]);
  });

  it("gives the leftover to the largest remainder, then the larger weight", () => {
    expect(splitLargestRemainder(100, [2, 1])).toEqual([67, 33]);
    // 4 households with awkward kg (grams): 1.333, 1.333, 1.334 and 2.5 kg of one batch
    const grams = [1333, 1333, 1334, 2500];
    const parts = splitLargestRemainder(3812, grams, { keys: ["h1", "h2", "h3", "h4"] });
    expect(parts.reduce((a, b) => a + b, 0)).toBe(3812);
    // quotas 781.76, 781.76, 782.35, 1466.15: floors add to 3810, the 2 satang left go to .76 and .76
    expect(parts).toEqual([782, 782, 782, 1466]);
    // equal remainders: 1 satang over two equal weights goes to the smaller key
    expect(splitLargestRemainder(1, [5, 5], { keys: ["b", "a"] })).toEqual([0, 1]);
  });

  it("gives zero weights nothing and refuses all-zero, negative or fractional weights", () => {
    expect(splitLargestRemainder(10, [0, 3, 0])).toEqual([0, 10, 0]);
    expect(splitLargestRemainder(0, [1, 2])).toEqual([0, 0]);
    expect(moneyError(() => splitLargestRemainder(10, [0, 0])).code).toBe("ALL_WEIGHTS_ZERO");
    expect(moneyError(() => splitLargestRemainder(10, [])).code).toBe("ALL_WEIGHTS_ZERO");
    expect(moneyError(() => splitLargestRemainder(10, [1, -1])).code).toBe("INVALID_WEIGHT");
    expect(moneyError(() => splitLargestRemainder(10, [1.5, 1])).code).toBe("INVALID_WEIGHT");
    expect(moneyError(() => splitLargestRemainder(10.5, [1])).code).toBe("NOT_SATANG");
    expect(moneyError(() => splitLargestRemainder(-10, [1])).code).toBe("NEGATIVE_AMOUNT");
    expect(moneyError(() => splitLargestRemainder(10, [1, 1], { keys: ["a", "a"] })).code).toBe("INVALID_KEYS");
  });

  it("is exact with amounts and weights near the safe-integer limit", () => {
    const big = Number.MAX_SAFE_INTEGER;
    const parts = splitLargestRemainder(big, [big, big - 1, 3]);
    expect(sumSatang(parts)).toBe(big);
  });

  const weightsAndKeys = fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 })
    .chain((keys) =>
      fc.record({
        keys: fc.constant(keys),
        weights: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000_000 })), { minLength: keys.length, maxLength: keys.length }),
      }),
    )
    .filter(({ weights }) => weights.some((w) => w > 0));

  it("property: parts add up exactly, are never negative, and are the quota rounded down or up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), weightsAndKeys, (total, { keys, weights }) => {
        const parts = splitLargestRemainder(total, weights, { keys });
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
        parts.forEach((p, i) => {
          expect(Number.isSafeInteger(p) && p >= 0).toBe(true);
          const exact = BigInt(total) * BigInt(weights[i] as number);
          const floor = exact / sum;
          expect(BigInt(p) === floor || (BigInt(p) === floor + 1n && exact % sum !== 0n)).toBe(true);
          if (weights[i] === 0) expect(p).toBe(0);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("property: deterministic, and with keys independent of the order of the rows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), weightsAndKeys, fc.infiniteStream(fc.nat()), (total, { keys, weights }, rand) => {
        const a = splitLargestRemainder(total, weights, { keys });
        expect(splitLargestRemainder(total, weights, { keys })).toEqual(a);
        // shuffle the rows
        const idx = keys.map((_, i) => i);
        const it = rand[Symbol.iterator]();
        for (let i = idx.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
        }
        const b = splitLargestRemainder(
          total,
          idx.map((i) => weights[i] as number),
          { keys: idx.map((i) => keys[i] as string) },
        );
        idx.forEach((orig, pos) => expect(b[pos]).toBe(a[orig]));
      }),
      { numRuns: 300 },
    );
  });

  it("splits evenly by key", () => {
    expect(splitEvenly(1001, ["u3", "u1", "u2"])).toEqual([333, 334, 334]);
  });
});

describe("VAT, shares and farm-gate amounts", () => {
  it("takes 7 % VAT out of a VAT-inclusive price, to the nearest satang", () => {
    expect(splitVatInclusive(10700)).toEqual({ grossSatang: 10700, netSatang: 10000, vatSatang: 700 });
    expect(netOfVat(100)).toBe(93); // 93.457…
    expect(netOfVat(1)).toBe(1); // 0.934…
    expect(netOfVat(0)).toBe(0);
    expect(netOfVat(35000)).toBe(32710); // 32710.28
    expect(moneyError(() => netOfVat(-1)).code).toBe("NEGATIVE_AMOUNT");
    expect(moneyError(() => netOfVat(99.5)).code).toBe("NOT_SATANG");
  });

  it("property: net + VAT = gross, net within half a satang of gross × 100/107, and never a tie", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (gross) => {
        const { netSatang, vatSatang } = splitVatInclusive(gross);
        expect(netSatang + vatSatang).toBe(gross);
        expect(vatSatang).toBeGreaterThanOrEqual(0);
        const diff2 = 2n * (BigInt(netSatang) * 107n - BigInt(gross) * 100n); // 2·107·(net − exact)
        expect(diff2 <= 107n && diff2 >= -107n).toBe(true);
        expect(diff2 === 107n || diff2 === -107n).toBe(false); // no exact half
      }),
      { numRuns: 1000 },
    );
  });

  it("applies a share in basis points, halves rounding up", () => {
    expect(applyBasisPoints(50000, 1000)).toBe(5000);
    expect(applyBasisPoints(5, 1000)).toBe(1); // 0.5 → 1
    expect(applyBasisPoints(14, 1000)).toBe(1); // 1.4
    expect(applyBasisPoints(16, 1000)).toBe(2); // 1.6
    expect(applyBasisPoints(12345, 0)).toBe(0);
    expect(applyBasisPoints(12345, 10000)).toBe(12345);
    expect(moneyError(() => applyBasisPoints(100, 10001)).code).toBe("INVALID_BASIS_POINTS");
    expect(moneyError(() => applyBasisPoints(100, 12.5)).code).toBe("INVALID_BASIS_POINTS");
  });

  it("property: a share is within half a satang of exact and between 0 and the amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 10000 }), (amount, bp) => {
        const s = applyBasisPoints(amount, bp);
        expect(s >= 0 && s <= amount).toBe(true);
        const diff2 = 2n * (BigInt(s) * 10000n - BigInt(amount) * BigInt(bp));
        expect(diff2 <= 10000n && diff2 > -10000n).toBe(true); // halves go up
      }),
    );
  });

  it("computes a farm-gate amount from grams and the price per kg", () => {
    expect(farmGateAmount(1500, 4500)).toBe(6750); // 1.5 kg × ฿45
    expect(farmGateAmount(333, 4500)).toBe(1499); // 1498.5 → up
    expect(farmGateAmount(1, 1)).toBe(0); // 0.001 satang
    expect(farmGateAmount(12_345_678, 12_000)).toBe(148_148_136);
    expect(moneyError(() => farmGateAmount(0, 4500)).code).toBe("INVALID_GRAMS");
    expect(moneyError(() => farmGateAmount(1.5, 4500)).code).toBe("INVALID_GRAMS");
    expect(moneyError(() => farmGateAmount(1000, 45.5)).code).toBe("NOT_SATANG");
  });

  it("works out a line's revenue after its discount", () => {
    expect(lineRevenue({ unitPriceSatang: 25000, quantity: 3, discountSatang: 5000 })).toEqual({
      grossSatang: 70000,
      netSatang: 65421,
      vatSatang: 4579,
    });
    expect(moneyError(() => lineRevenue({ unitPriceSatang: 100, quantity: 1, discountSatang: 101 })).code).toBe("DISCOUNT_EXCEEDS_PRICE");
    expect(moneyError(() => lineRevenue({ unitPriceSatang: 100, quantity: 0 })).code).toBe("INVALID_QUANTITY");
  });

  it("spreads an order discount over lines in proportion, exactly", () => {
    const d = allocateDiscount(1000, [
      { lineItemId: "li_b", grossSatang: 20000 },
      { lineItemId: "li_a", grossSatang: 10000 },
      { lineItemId: "li_c", grossSatang: 0 },
    ]);
    expect(Object.fromEntries(d)).toEqual({ li_b: 667, li_a: 333, li_c: 0 });
    expect(moneyError(() => allocateDiscount(30001, [{ lineItemId: "x", grossSatang: 30000 }])).code).toBe("DISCOUNT_EXCEEDS_PRICE");
    expect(Object.fromEntries(allocateDiscount(0, [{ lineItemId: "x", grossSatang: 0 }]))).toEqual({ x: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Refunds
// ---------------------------------------------------------------------------------------------

/** Books a line's share target over `weights.length` entries, as salesShareEntries would. */
function bookLine(line: RefundableLine, weights: number[]): ShareEntryState[] {
  const target = lineShareTarget(line);
  const parts = target === 0 ? weights.map(() => 0) : splitLargestRemainder(target, weights.map((w) => w + 1));
  return parts.map((p, i) => ({ key: `${line.lineItemId}:e${i}`, lineItemId: line.lineItemId, bookedSatang: p, reversedSatang: 0 }));
}

function applyPlan(entries: ShareEntryState[], plan: ReturnType<typeof planRefundReversal>): void {
  if (!plan.ok) throw new Error(plan.message_en);
  const byKey = new Map(entries.map((e) => [e.key, e]));
  for (const r of plan.reversals) {
    const e = byKey.get(r.key) as ShareEntryState;
    e.reversedSatang += r.satang;
  }
}

function remaining(entries: ShareEntryState[], lineItemId?: string): number {
  return entries.filter((e) => lineItemId === undefined || e.lineItemId === lineItemId).reduce((s, e) => s + e.bookedSatang - e.reversedSatang, 0);
}

describe("refund reversals", () => {
  const lines: RefundableLine[] = [
    { lineItemId: "li_oil", paidSatang: 53500, basisPoints: 1000 }, // net 50 000 → share 5 000
    { lineItemId: "li_ball", paidSatang: 21400, basisPoints: 1500 }, // net 20 000 → share 3 000
  ];

  it("reverses in proportion so the entries match the rule on what was finally paid", () => {
    const entries = [...bookLine(lines[0] as RefundableLine, [1, 1, 1]), ...bookLine(lines[1] as RefundableLine, [2, 1])];
    expect(remaining(entries)).toBe(8000);

    // A refund of ฿107 on the oil line only: paid 53 500 → 42 800, net 40 000, share 4 000.
    const refunds: OrderRefund[] = [{ refundId: "ref_1", satang: 10700, lineItemIds: ["li_oil"] }];
    const plan = planRefundReversal({ lines, entries, refunds });
    if (!plan.ok) throw new Error(plan.message_en);
    expect(plan.totalReversedSatang).toBe(1000);
    expect(plan.reversals).toEqual([
      { key: "li_oil:e0", lineItemId: "li_oil", satang: 334 },
      { key: "li_oil:e1", lineItemId: "li_oil", satang: 333 },
      { key: "li_oil:e2", lineItemId: "li_oil", satang: 333 },
    ]);
    applyPlan(entries, plan);
    expect(remaining(entries, "li_oil")).toBe(4000);
    expect(remaining(entries, "li_ball")).toBe(3000);

    // Planning again books nothing more (a redelivered refund event).
    const again = planRefundReversal({ lines, entries, refunds: [...refunds, ...refunds] });
    expect(again.ok && again.reversals).toEqual([]);

    // A whole-order refund of ฿321 is spread over both lines by what is still paid on them.
    const refunds2: OrderRefund[] = [...refunds, { refundId: "ref_2", satang: 32100 }];
    const attribution = attributeRefunds(lines, refunds2);
    if (!attribution.ok) throw new Error(attribution.message_en);
    expect(attribution.parts.filter((p) => p.refundId === "ref_2")).toEqual([
      { refundId: "ref_2", lineItemId: "li_ball", satang: 10700 },
      { refundId: "ref_2", lineItemId: "li_oil", satang: 21400 },
    ]);
    const plan2 = planRefundReversal({ lines, entries, refunds: refunds2 });
    applyPlan(entries, plan2);
    expect(remaining(entries, "li_oil")).toBe(lineShareTarget(lines[0] as RefundableLine, 10700 + 21400)); // net 20 000 → 2 000
    expect(remaining(entries, "li_oil")).toBe(2000);
    expect(remaining(entries, "li_ball")).toBe(1500);

    // Cancelling the rest reverses everything.
    const plan3 = planRefundReversal({ lines, entries, refunds: [...refunds2, { refundId: "cancel", satang: 21400 + 10700 }] });
    applyPlan(entries, plan3);
    expect(remaining(entries)).toBe(0);
    expect(entries.every((e) => e.reversedSatang === e.bookedSatang)).toBe(true);
  });

  it("refuses refunds beyond what was paid, on unknown lines, or redelivered with another amount", () => {
    const entries = bookLine(lines[0] as RefundableLine, [1]);
    const over = planRefundReversal({ lines, entries, refunds: [{ refundId: "r", satang: 53501, lineItemIds: ["li_oil"] }] });
    expect(over).toMatchObject({ ok: false, code: "REFUND_EXCEEDS_PAID", refundId: "r" });
    expect(over.ok === false && over.message_th).toMatch(/คืนเงิน/);
    expect(planRefundReversal({ lines, entries, refunds: [{ refundId: "r", satang: 1, lineItemIds: ["li_x"] }] })).toMatchObject({
      ok: false,
      code: "UNKNOWN_LINE",
    });
    expect(
      planRefundReversal({
        lines,
        entries,
        refunds: [
          { refundId: "r", satang: 100 },
          { refundId: "r", satang: 200 },
        ],
      }),
    ).toMatchObject({ ok: false, code: "CONFLICTING_REFUND" });
    expect(planRefundReversal({ lines, entries, refunds: [{ refundId: "r", satang: 1.5 }] })).toMatchObject({ ok: false, code: "INVALID_REFUND" });
  });

  it("reverses nothing on a line whose share is not fully booked yet, and says by how much it is behind", () => {
    const plan = planRefundReversal({ lines, entries: [], refunds: [{ refundId: "r", satang: 10700, lineItemIds: ["li_oil"] }] });
    if (!plan.ok) throw new Error(plan.message_en);
    expect(plan.reversals).toEqual([]);
    expect(plan.lines.find((l) => l.lineItemId === "li_oil")).toMatchObject({ shareTargetSatang: 4000, behindSatang: 4000, reverseSatang: 0 });
  });

  const order = fc
    .array(
      fc.record({
        paidSatang: fc.integer({ min: 0, max: 5_000_000 }),
        basisPoints: fc.integer({ min: 0, max: 10_000 }),
        entryWeights: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((ls) => ls.map((l, i) => ({ ...l, lineItemId: `li_${i}` })));
  const refundSteps = fc.array(
    fc.record({ fraction: fc.double({ min: 0, max: 1, noNaN: true }), lineMask: fc.integer({ min: 0, max: 15 }) }),
    { minLength: 1, maxLength: 6 },
  );

  it("property: repeated partial refunds then a full refund — never negative, never more than booked, exact at every step", () => {
    fc.assert(
      fc.property(order, refundSteps, (orderLines, steps) => {
        const lines: RefundableLine[] = orderLines.map((l) => ({ lineItemId: l.lineItemId, paidSatang: l.paidSatang, basisPoints: l.basisPoints }));
        const entries = orderLines.flatMap((l, i) => bookLine(lines[i] as RefundableLine, l.entryWeights));
        const booked = remaining(entries);
        expect(booked).toBe(lines.reduce((s, l) => s + lineShareTarget(l), 0));
        const refunds: OrderRefund[] = [];
        let reversedTotal = 0;

        const step = (refund: OrderRefund) => {
          refunds.push(refund);
          const plan = planRefundReversal({ lines, entries, refunds });
          if (!plan.ok) throw new Error(plan.message_en);
          for (const r of plan.reversals) expect(r.satang).toBeGreaterThan(0);
          applyPlan(entries, plan);
          reversedTotal += plan.totalReversedSatang;
          for (const e of entries) expect(e.reversedSatang).toBeLessThanOrEqual(e.bookedSatang);
          expect(reversedTotal).toBeLessThanOrEqual(booked);
          // each line's entries = the rule on the net of what was finally paid for it
          for (const l of plan.lines) {
            expect(l.behindSatang).toBe(0);
            expect(remaining(entries, l.lineItemId)).toBe(l.shareTargetSatang);
            expect(l.shareTargetSatang).toBe(lineShareTarget(lines.find((x) => x.lineItemId === l.lineItemId) as RefundableLine, l.refundedSatang));
            expect(l.refundedSatang).toBeLessThanOrEqual(l.paidSatang);
          }
          // idempotent
          const again = planRefundReversal({ lines, entries, refunds });
          expect(again.ok && again.reversals.length).toBe(0);
          return plan;
        };

        steps.forEach((s, k) => {
          const named = lines.filter((_, i) => (s.lineMask >> i) & 1).map((l) => l.lineItemId);
          const attribution = attributeRefunds(lines, refunds);
          if (!attribution.ok) throw new Error(attribution.message_en);
          const open = attribution.lines.filter((l) => named.length === 0 || named.includes(l.lineItemId)).reduce((sum, l) => sum + l.finalPaidSatang, 0);
          step({ refundId: `r${k}`, satang: Math.floor(open * s.fraction), lineItemIds: named.length > 0 ? named : null });
        });

        // Full refund of whatever is left.
        const attribution = attributeRefunds(lines, refunds);
        if (!attribution.ok) throw new Error(attribution.message_en);
        const left = attribution.lines.reduce((s, l) => s + l.finalPaidSatang, 0);
        const final = step({ refundId: "final", satang: left });
        expect(final.ok && final.lines.every((l) => l.finalPaidSatang === 0 && l.shareTargetSatang === 0)).toBe(true);
        expect(remaining(entries)).toBe(0);
        expect(reversedTotal).toBe(booked);
      }),
      { numRuns: 300 },
    );
  });

  it("property: the same refunds give the same plan (deterministic)", () => {
    fc.assert(
      fc.property(order, fc.integer({ min: 0, max: 100 }), (orderLines, pct) => {
        const lines = orderLines.map((l) => ({ lineItemId: l.lineItemId, paidSatang: l.paidSatang, basisPoints: l.basisPoints }));
        const entries = orderLines.flatMap((l, i) => bookLine(lines[i] as RefundableLine, l.entryWeights));
        const total = lines.reduce((s, l) => s + l.paidSatang, 0);
        const refunds = [{ refundId: "r", satang: Math.floor((total * pct) / 100) }];
        expect(planRefundReversal({ lines, entries, refunds })).toEqual(planRefundReversal({ lines, entries: [...entries].reverse(), refunds }));
      }),
      { numRuns: 200 },
    );
  });
});
