import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makePrivateBatchRecord } from "./fixtures/private-batch";
import { publicProjection } from "./public-projection";
import { MIN_HOUSEHOLDS_FOR_AMOUNT, publicShareLine } from "./public-share";

describe("publicShareLine", () => {
  it("states the aggregate baht per unit and the number of households from three households up", () => {
    // ฿406.60 incl. VAT → net ฿380.00 → 10 % = ฿38
    const line = publicShareLine({ priceSatang: 40_660, rule: { basisPoints: 1000 }, householdsCount: 4 });
    expect(line).toEqual({
      kind: "amount",
      shareSatangPerUnit: 3800,
      basisPoints: 1000,
      households: 4,
      message_th: "฿38 ของราคานี้ถึงมือครัวเรือนผู้ปลูก 4 ครัวเรือน",
      message_en: "฿38 of this price goes back to the 4 grower households",
    });
  });

  it("rounds the figure in the sentence down to whole baht, never claiming more than goes back", () => {
    // ฿350 incl. VAT → net 32 710 satang → 12 % = 3 925.2 → 3 925 satang; said as ฿39
    const line = publicShareLine({ priceSatang: 35_000, rule: { basisPoints: 1200 }, householdsCount: 3 });
    expect(line).toMatchObject({ kind: "amount", shareSatangPerUnit: 3925, message_th: "฿39 ของราคานี้ถึงมือครัวเรือนผู้ปลูก 3 ครัวเรือน" });
    // under one baht the satang are shown
    expect(publicShareLine({ priceSatang: 500, rule: { basisPoints: 1000 }, householdsCount: 5 })).toMatchObject({ message_en: "฿0.47 of this price goes back to the 5 grower households" });
  });

  it("with fewer than three households states only the rule, never baht", () => {
    expect(MIN_HOUSEHOLDS_FOR_AMOUNT).toBe(3);
    for (const householdsCount of [1, 2]) {
      const line = publicShareLine({ priceSatang: 40_660, rule: { basisPoints: 1250 }, householdsCount });
      expect(line).toEqual({
        kind: "rule_only",
        basisPoints: 1250,
        message_th: "12.5% ของรายได้สุทธิ (ไม่รวม VAT) จากสินค้าชิ้นนี้ถึงมือครัวเรือนผู้ปลูก",
        message_en: "12.5% of the net revenue (ex VAT) from this item goes back to the grower households.",
      });
      expect(JSON.stringify(line)).not.toMatch(/฿|satang|Satang/);
    }
  });

  it("says nothing without a rule, a share, or households", () => {
    expect(publicShareLine({ priceSatang: 40_660, rule: null, householdsCount: 4 })).toEqual({ kind: "none" });
    expect(publicShareLine({ priceSatang: 40_660, rule: { basisPoints: 0 }, householdsCount: 4 })).toEqual({ kind: "none" });
    expect(publicShareLine({ priceSatang: 40_660, rule: { basisPoints: 1000 }, householdsCount: 0 })).toEqual({ kind: "none" });
    expect(publicShareLine({ priceSatang: 1, rule: { basisPoints: 1 }, householdsCount: 4 })).toEqual({ kind: "none" });
    expect(() => publicShareLine({ priceSatang: 1, rule: null, householdsCount: -1 })).toThrow(RangeError);
  });

  it("works from the public projection's household count (the batch fixture has households of its own)", () => {
    const projection = publicProjection(makePrivateBatchRecord());
    const line = publicShareLine({ priceSatang: 40_660, rule: { basisPoints: 1000 }, householdsCount: projection.totals.households });
    expect(line.kind).toBe(projection.totals.households >= 3 ? "amount" : "rule_only");
  });

  it("property: never a per-household figure — the sentence's number is the aggregate, not divided by households", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 40 }), (price, bp, n) => {
        const line = publicShareLine({ priceSatang: price, rule: { basisPoints: bp }, householdsCount: n });
        if (n < 3) expect(line.kind === "amount").toBe(false);
        if (line.kind === "amount") {
          expect(line.households).toBe(n);
          expect(line.shareSatangPerUnit).toBeLessThanOrEqual(price);
          expect(Object.keys(line).sort()).toEqual(["basisPoints", "households", "kind", "message_en", "message_th", "shareSatangPerUnit"]);
        }
      }),
    );
  });
});
