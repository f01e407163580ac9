import { describe, expect, it } from "vitest";
import {
  buildLotNumber,
  isValidLotNumber,
  MAX_LOT_NUMBER_LENGTH,
  nextLotNumber,
  parseLotNumber,
} from "./lot-number";

describe("buildLotNumber", () => {
  it("writes prefix-YYMM-sequence", () => {
    expect(buildLotNumber("MO", "2026-11-15", 3)).toBe("MO-2611-03");
    expect(buildLotNumber("cb", "2027-01-01", 12)).toBe("CB-2701-12");
    expect(buildLotNumber("MOK", "2026-11-15", 99)).toBe("MOK-2611-99");
    expect(buildLotNumber("MOK", "2026-11-15", 100)).toBe("MOK-2611-100");
    expect(buildLotNumber("MOK", "2099-12-31", 999)).toHaveLength(MAX_LOT_NUMBER_LENGTH);
  });

  it("reads a Date as its Bangkok calendar date", () => {
    // 2026-11-30T17:30Z is already 1 December in Bangkok.
    expect(buildLotNumber("MO", new Date("2026-11-30T17:30:00Z"), 1)).toBe("MO-2612-01");
    expect(buildLotNumber("MO", new Date("2026-11-30T16:59:00Z"), 1)).toBe("MO-2611-01");
  });

  it("refuses bad prefixes, dates and sequences", () => {
    expect(() => buildLotNumber("M", "2026-11-15", 1)).toThrow(/prefix/);
    expect(() => buildLotNumber("MOKP", "2026-11-15", 1)).toThrow(/prefix/);
    expect(() => buildLotNumber("M0", "2026-11-15", 1)).toThrow(/prefix/);
    expect(() => buildLotNumber("MO", "2026-02-30", 1)).toThrow(/production date/);
    expect(() => buildLotNumber("MO", "1999-12-01", 1)).toThrow(/2000–2099/);
    expect(() => buildLotNumber("MO", "2026-11-15", 0)).toThrow(/sequence/);
    expect(() => buildLotNumber("MO", "2026-11-15", 1000)).toThrow(/sequence/);
    expect(() => buildLotNumber("MO", "2026-11-15", 2.5)).toThrow(/sequence/);
  });
});

describe("parseLotNumber", () => {
  it("round-trips what buildLotNumber makes", () => {
    expect(parseLotNumber("MO-2611-03")).toEqual({ prefix: "MO", year: 2026, month: 11, sequence: 3 });
    expect(parseLotNumber("MOK-2701-100")).toEqual({ prefix: "MOK", year: 2027, month: 1, sequence: 100 });
    for (const seq of [1, 9, 10, 99, 100, 999]) {
      const lot = buildLotNumber("CB", "2026-05-20", seq);
      expect(parseLotNumber(lot)?.sequence).toBe(seq);
    }
  });

  it("rejects anything outside the canonical form", () => {
    for (const bad of [
      "MO-2611-003", // non-canonical spelling of 3
      "MO-2611-3",
      "MO-2613-01", // month 13
      "MO-2600-01",
      "MO-2611-00",
      "mo-2611-03",
      "MO-2611-1000",
      "MO2611-03",
      " MO-2611-03",
      "",
    ]) {
      expect(parseLotNumber(bad), bad).toBeNull();
      expect(isValidLotNumber(bad)).toBe(false);
    }
  });
});

describe("nextLotNumber", () => {
  it("starts at 01 in a fresh month", () => {
    expect(nextLotNumber("MO", "2026-11-02", [])).toBe("MO-2611-01");
  });

  it("continues after the highest sequence of the same prefix and month, ignoring the rest", () => {
    const existing = ["MO-2611-01", "MO-2611-04", "MO-2610-09", "CB-2611-07", "LEGACY-42", "MO-2611-02"];
    expect(nextLotNumber("MO", "2026-11-28", existing)).toBe("MO-2611-05");
    expect(nextLotNumber("CB", "2026-11-28", existing)).toBe("CB-2611-08");
    expect(nextLotNumber("MO", "2026-12-01", existing)).toBe("MO-2612-01");
  });

  it("does not refill gaps, grows to 3 digits, and stops at 999", () => {
    expect(nextLotNumber("MO", "2026-11-28", ["MO-2611-05"])).toBe("MO-2611-06");
    expect(nextLotNumber("MO", "2026-11-28", ["MO-2611-99"])).toBe("MO-2611-100");
    expect(() => nextLotNumber("MO", "2026-11-28", ["MO-2611-999"])).toThrow(/no lot numbers left/);
  });

  it("accepts any iterable", () => {
    expect(nextLotNumber("MO", "2026-11-28", new Set(["MO-2611-10"]))).toBe("MO-2611-11");
  });
});
