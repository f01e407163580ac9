import { describe, expect, it } from "vitest";
import {
  type FarmGatePrice,
  farmGatePriceOn,
  formatBasisPoints,
  formatPricePerKg,
  isValidOn,
  planEndRule,
  planFarmGatePrice,
  planShareRule,
  type ShareRule,
  shareRuleOn,
} from "./price-rules";

const cryptolepis = "sp-cryptolepis";
const prices: FarmGatePrice[] = [
  { id: "p1", speciesId: cryptolepis, pricePerKgSatang: 4000, validFrom: "2026-01-01", validUntil: "2026-06-30" },
  { id: "p2", speciesId: cryptolepis, pricePerKgSatang: 4500, validFrom: "2026-07-01", validUntil: null },
  { id: "p3", speciesId: "sp-cleome", pricePerKgSatang: 3000, validFrom: "2026-01-01", validUntil: null },
];

const rules: ShareRule[] = [
  { id: "s-all", productId: null, basisPoints: 1000, validFrom: "2026-01-01", validUntil: null },
  { id: "s-oil", productId: "prod_oil", basisPoints: 1500, validFrom: "2026-03-01", validUntil: "2026-12-31" },
];

describe("picking the price or rule valid on a day", () => {
  it("includes both ends and treats null as open-ended", () => {
    expect(isValidOn(prices[0] as FarmGatePrice, "2026-01-01")).toBe(true);
    expect(isValidOn(prices[0] as FarmGatePrice, "2026-06-30")).toBe(true);
    expect(isValidOn(prices[0] as FarmGatePrice, "2026-07-01")).toBe(false);
    expect(isValidOn(prices[1] as FarmGatePrice, "2099-12-31")).toBe(true);
    expect(isValidOn({ validFrom: "2026-02-30", validUntil: null }, "2026-03-01")).toBe(false);
    expect(() => isValidOn(prices[0] as FarmGatePrice, "1/1/2026")).toThrow(RangeError);
  });

  it("finds the farm-gate price of a species on a day", () => {
    expect(farmGatePriceOn(prices, cryptolepis, "2026-06-30")?.id).toBe("p1");
    expect(farmGatePriceOn(prices, cryptolepis, "2026-07-01")?.id).toBe("p2");
    expect(farmGatePriceOn(prices, cryptolepis, "2025-12-31")).toBeNull();
    expect(farmGatePriceOn(prices, "sp-cissus", "2026-07-01")).toBeNull();
  });

  it("prefers the product's own share rule over the all-products rule", () => {
    expect(shareRuleOn(rules, "prod_oil", "2026-02-28")?.id).toBe("s-all");
    expect(shareRuleOn(rules, "prod_oil", "2026-03-01")?.id).toBe("s-oil");
    expect(shareRuleOn(rules, "prod_ball", "2026-03-01")?.id).toBe("s-all");
    expect(shareRuleOn(rules, "prod_oil", "2027-01-01")?.id).toBe("s-all");
    expect(shareRuleOn([], "prod_oil", "2027-01-01")).toBeNull();
  });

  it("picks deterministically even from overlapping (legacy) data: latest start, then largest id", () => {
    const messy: ShareRule[] = [
      { id: "b", productId: null, basisPoints: 1, validFrom: "2026-01-01", validUntil: null },
      { id: "a", productId: null, basisPoints: 2, validFrom: "2026-01-01", validUntil: null },
      { id: "c", productId: null, basisPoints: 3, validFrom: "2025-01-01", validUntil: null },
    ];
    expect(shareRuleOn(messy, "x", "2026-05-05")?.id).toBe("b");
    expect(shareRuleOn([...messy].reverse(), "x", "2026-05-05")?.id).toBe("b");
  });
});

describe("adding a price or rule", () => {
  it("closes the open older price of the same species the day before the new one starts", () => {
    const plan = planFarmGatePrice(
      prices,
      { id: "p4", speciesId: cryptolepis, pricePerKgSatang: 5000, validFrom: "2027-01-01", validUntil: null },
      "2026-12-15",
    );
    expect(plan).toEqual({
      ok: true,
      add: expect.objectContaining({ id: "p4" }),
      close: [{ id: "p2", validUntil: "2026-12-31" }],
    });
  });

  it("closes nothing that ended before, and nothing of another scope", () => {
    const plan = planShareRule(rules, { id: "s-ball", productId: "prod_ball", basisPoints: 1200, validFrom: "2026-05-01", validUntil: null }, "2026-04-01");
    expect(plan).toEqual({ ok: true, add: expect.objectContaining({ id: "s-ball" }), close: [] });
    const later = planShareRule(rules, { id: "s-oil-2", productId: "prod_oil", basisPoints: 2000, validFrom: "2027-01-01", validUntil: null }, "2026-11-01");
    expect(later).toEqual({ ok: true, add: expect.objectContaining({ id: "s-oil-2" }), close: [] });
  });

  it("refuses to start in the past", () => {
    const plan = planFarmGatePrice(prices, { id: "p5", speciesId: "sp-cleome", pricePerKgSatang: 3100, validFrom: "2026-03-01", validUntil: null }, "2026-03-02");
    expect(plan).toMatchObject({ ok: false, code: "STARTS_IN_PAST" });
    expect(plan.ok === false && plan.message_th).toMatch(/วันนี้/);
  });

  it("refuses to overlap a rule that starts on or after the new one's first day", () => {
    const withFuture: ShareRule[] = [...rules, { id: "s-2027", productId: null, basisPoints: 1200, validFrom: "2027-01-01", validUntil: null }];
    const plan = planShareRule(withFuture, { id: "s-new", productId: null, basisPoints: 1100, validFrom: "2026-10-01", validUntil: null }, "2026-09-01");
    expect(plan).toMatchObject({ ok: false, code: "OVERLAPS_LATER_RULE" });
    // …but a new rule that ends before the later one starts fits in between (and closes the older one).
    const fits = planShareRule(withFuture, { id: "s-new", productId: null, basisPoints: 1100, validFrom: "2026-10-01", validUntil: "2026-12-31" }, "2026-09-01");
    expect(fits).toEqual({ ok: true, add: expect.objectContaining({ id: "s-new" }), close: [{ id: "s-all", validUntil: "2026-09-30" }] });
  });

  it("ignores withdrawn rules (ended before they started)", () => {
    const withdrawn: ShareRule[] = [{ id: "w", productId: null, basisPoints: 500, validFrom: "2027-01-01", validUntil: "2026-12-31" }];
    expect(planShareRule(withdrawn, { id: "n", productId: null, basisPoints: 700, validFrom: "2026-12-01", validUntil: null }, "2026-11-01").ok).toBe(true);
    expect(shareRuleOn(withdrawn, "x", "2027-05-01")).toBeNull();
  });

  it("refuses bad prices, shares, dates and duplicate ids", () => {
    const base = { speciesId: cryptolepis, validFrom: "2027-01-01", validUntil: null };
    expect(planFarmGatePrice(prices, { ...base, id: "x", pricePerKgSatang: 0 }, "2026-12-01")).toMatchObject({ code: "INVALID_PRICE" });
    expect(planFarmGatePrice(prices, { ...base, id: "x", pricePerKgSatang: 45.5 }, "2026-12-01")).toMatchObject({ code: "INVALID_PRICE" });
    expect(planFarmGatePrice(prices, { ...base, id: "p1", pricePerKgSatang: 100 }, "2026-12-01")).toMatchObject({ code: "DUPLICATE_ID" });
    expect(planFarmGatePrice(prices, { ...base, id: "x", pricePerKgSatang: 100, validUntil: "2026-12-31" }, "2026-12-01")).toMatchObject({ code: "INVALID_DATES" });
    expect(planFarmGatePrice(prices, { ...base, id: "x", pricePerKgSatang: 100, validFrom: "2027-02-30" }, "2026-12-01")).toMatchObject({ code: "INVALID_DATES" });
    for (const bp of [-1, 10001, 12.5]) {
      expect(planShareRule(rules, { id: "x", productId: null, basisPoints: bp, validFrom: "2027-01-01", validUntil: null }, "2026-12-01")).toMatchObject({
        code: "INVALID_BASIS_POINTS",
      });
    }
  });
});

describe("ending a rule", () => {
  const open: ShareRule = rules[0] as ShareRule;

  it("ends a rule from yesterday on, or withdraws one not started yet", () => {
    expect(planEndRule(open, "2026-08-31", "2026-08-15")).toEqual({ ok: true, close: { id: "s-all", validUntil: "2026-08-31" } });
    expect(planEndRule(open, "2026-08-14", "2026-08-15")).toEqual({ ok: true, close: { id: "s-all", validUntil: "2026-08-14" } });
    const future: ShareRule = { id: "f", productId: null, basisPoints: 1, validFrom: "2027-01-01", validUntil: null };
    expect(planEndRule(future, "2026-12-31", "2026-09-01")).toEqual({ ok: true, close: { id: "f", validUntil: "2026-12-31" } });
  });

  it("never rewrites days already past and only shortens", () => {
    expect(planEndRule(open, "2026-08-13", "2026-08-15")).toMatchObject({ ok: false, code: "END_IN_PAST" });
    expect(planEndRule(rules[1] as ShareRule, "2027-01-31", "2026-08-15")).toMatchObject({ ok: false, code: "END_NOT_EARLIER" });
    expect(planEndRule(open, "soon", "2026-08-15")).toMatchObject({ ok: false, code: "INVALID_DATES" });
  });
});

describe("formatting", () => {
  it("writes prices and percentages", () => {
    expect(formatPricePerKg(4550)).toEqual({ th: "฿45.50 ต่อกิโลกรัม", en: "฿45.50 per kg" });
    expect(formatBasisPoints(1000)).toBe("10%");
    expect(formatBasisPoints(1250)).toBe("12.5%");
    expect(formatBasisPoints(1)).toBe("0.01%");
    expect(formatBasisPoints(10000)).toBe("100%");
    expect(() => formatBasisPoints(10001)).toThrow(RangeError);
  });
});
