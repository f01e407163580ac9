import { describe, expect, it } from "vitest";
import { gs1CheckDigit, isValidGtin, makeGtin14, toGtin14 } from "./gtin";

describe("GS1 check digit", () => {
  it("matches published GTIN examples", () => {
    // GS1 General Specifications example: 629104150021 -> 3
    expect(gs1CheckDigit("629104150021")).toBe(3);
    // GTIN-14 example from GS1 Digital Link standard: 0950600013435 -> 2
    expect(gs1CheckDigit("0950600013435")).toBe(2);
    // Thai EAN-13 (prefix 885): 885000000001 -> 0
    expect(gs1CheckDigit("885000000001")).toBe(0);
  });

  it("accepts valid and rejects altered GTINs", () => {
    expect(isValidGtin("09506000134352")).toBe(true);
    expect(isValidGtin("09506000134353")).toBe(false);
    expect(isValidGtin("6291041500213")).toBe(true);
    expect(isValidGtin("629104150021")).toBe(false);
    expect(isValidGtin("12345")).toBe(false);
  });

  it("pads to GTIN-14 and builds from a body", () => {
    expect(toGtin14("6291041500213")).toBe("06291041500213");
    expect(makeGtin14("0950600013435")).toBe("09506000134352");
    expect(() => toGtin14("6291041500214")).toThrow(/not a valid GTIN/);
    expect(() => gs1CheckDigit("12a")).toThrow(/only digits/);
  });
});
