import { describe, expect, it } from "vitest";
import { gramsToKg, isValidKg, kgToGrams } from "./quantity";

describe("kg validation", () => {
  it("accepts positive weights with up to 3 decimals", () => {
    expect(isValidKg(1)).toBe(true);
    expect(isValidKg(0.001)).toBe(true);
    expect(isValidKg(12.345)).toBe(true);
    expect(isValidKg(1.001)).toBe(true); // 1.001 * 1000 = 1000.9999999999999 in floating point
    expect(isValidKg(4.35)).toBe(true);
  });

  it("refuses zero, negatives, non-finite values, 4+ decimals and non-numbers", () => {
    expect(isValidKg(0)).toBe(false);
    expect(isValidKg(-1)).toBe(false);
    expect(isValidKg(Number.NaN)).toBe(false);
    expect(isValidKg(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isValidKg(1.0005)).toBe(false);
    expect(isValidKg(0.0001)).toBe(false);
    expect(isValidKg("5")).toBe(false);
    expect(isValidKg(1e300)).toBe(false); // grams would not be a safe integer
  });

  it("allows zero only when asked", () => {
    expect(isValidKg(0, { allowZero: true })).toBe(true);
    expect(isValidKg(-0.001, { allowZero: true })).toBe(false);
  });
});

describe("kg ↔ grams", () => {
  it("converts exactly", () => {
    expect(kgToGrams(1.001)).toBe(1001);
    expect(kgToGrams(0.1) + kgToGrams(0.2)).toBe(kgToGrams(0.3));
    expect(kgToGrams(-0, { allowZero: true })).toBe(0);
    expect(Object.is(kgToGrams(-0, { allowZero: true }), 0)).toBe(true);
    expect(gramsToKg(1001)).toBe(1.001);
    expect(gramsToKg(300)).toBe(0.3);
  });

  it("throws with the label in the message", () => {
    expect(() => kgToGrams(2.0001, { label: "kg used" })).toThrow(/kg used must be more than 0 kg/);
    expect(() => kgToGrams(0)).toThrow(RangeError);
    expect(() => gramsToKg(1.5)).toThrow(/integer/);
  });
});
