import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PrivateImpactEntry, type PrivateImpactHousehold, privateImpactMonths, privateImpactReport } from "./impact";

const households: PrivateImpactHousehold[] = [
  { householdId: "hh-a", village: "บ้านแม่มอก", povertyTier: 1, membersCount: 4, incomeThbPerYear: 120_000 }, // 30 000/person
  { householdId: "hh-b", village: "บ้านแม่มอก", povertyTier: 2, membersCount: 2, incomeThbPerYear: 90_000 }, // 45 000/person
  { householdId: "hh-c", village: "บ้านทุ่งโป่ง", povertyTier: 1, membersCount: 5, incomeThbPerYear: 150_000 }, // 30 000/person
  { householdId: "hh-d", village: "บ้านทุ่งโป่ง", povertyTier: null, membersCount: null, incomeThbPerYear: null },
];

const e = (householdId: string, kind: PrivateImpactEntry["kind"], satang: number, bookedAt: string): PrivateImpactEntry => ({ householdId, kind, satang, bookedAt });

const entries: PrivateImpactEntry[] = [
  e("hh-a", "farm_gate_purchase", 2_000_000, "2026-03-10T10:00:00+07:00"),
  e("hh-a", "sales_share", 500_000, "2026-11-10T10:00:00+07:00"),
  e("hh-a", "reversal", -50_000, "2026-11-20T10:00:00+07:00"),
  e("hh-a", "payment", -2_000_000, "2026-03-31T10:00:00+07:00"),
  e("hh-b", "farm_gate_purchase", 300_000, "2026-11-02T10:00:00+07:00"),
  e("hh-c", "farm_gate_purchase", 1_000_000, "2026-10-31T23:30:00+07:00"), // October in Bangkok
  e("hh-c", "payment", -1_000_000, "2026-10-31T17:30:00Z"), // already 1 November in Bangkok
  e("hh-d", "sales_share", 12_345, "2025-12-31T10:00:00+07:00"),
];

describe("privateImpactReport", () => {
  it("totals a year by village and by poverty tier", () => {
    const r = privateImpactReport(households, entries, { year: 2026 }, { povertyLineThbPerPersonPerYear: 35_000 });
    expect(r.period).toEqual({ kind: "year", label: "2026", from: "2026-01-01", to: "2026-12-31" });
    expect(r.earnedSatang).toBe(2_000_000 + 500_000 - 50_000 + 300_000 + 1_000_000);
    expect(r.paidSatang).toBe(3_000_000);
    expect(r.householdsEarning).toBe(3);
    expect(r.byVillage).toEqual([
      { key: "บ้านทุ่งโป่ง", earnedSatang: 1_000_000, paidSatang: 1_000_000, householdsEarning: 1 },
      { key: "บ้านแม่มอก", earnedSatang: 2_750_000, paidSatang: 2_000_000, householdsEarning: 2 },
    ]);
    expect(r.byPovertyTier).toEqual([
      { key: "1", earnedSatang: 3_450_000, paidSatang: 3_000_000, householdsEarning: 2 },
      { key: "2", earnedSatang: 300_000, paidSatang: 0, householdsEarning: 1 },
      { key: "unknown", earnedSatang: 0, paidSatang: 0, householdsEarning: 0 },
    ]);
  });

  it("compares each household's group income with its baseline and counts who crossed the poverty line", () => {
    const r = privateImpactReport(households, entries, { year: 2026 }, { povertyLineThbPerPersonPerYear: 35_000 });
    const row = (id: string) => r.households.find((h) => h.householdId === id);
    // hh-a: baseline 120 000 for 4 people (30 000 each) + 24 500 from the group = 36 125 each ≥ 35 000
    expect(row("hh-a")).toMatchObject({ earnedSatang: 2_450_000, baselineSatangPerYear: 12_000_000, earnedBasisPointsOfBaseline: 2041, crossedPovertyLine: true });
    // hh-b was already above the line
    expect(row("hh-b")).toMatchObject({ crossedPovertyLine: false });
    // hh-c: 150 000 + 10 000 for 5 = 32 000 each, still below
    expect(row("hh-c")).toMatchObject({ earnedBasisPointsOfBaseline: 666, crossedPovertyLine: false });
    // hh-d: unknown baseline and members → unknown, never counted
    expect(row("hh-d")).toMatchObject({ baselineSatangPerYear: null, earnedBasisPointsOfBaseline: null, crossedPovertyLine: null, povertyTier: "unknown" });
    expect(r.householdsCrossedPovertyLine).toBe(1);
    expect(r.povertyLineSatangPerPersonPerYear).toBe(3_500_000);
  });

  it("is exactly at the line when income per person equals it", () => {
    const one: PrivateImpactHousehold[] = [{ householdId: "h", village: "v", povertyTier: 1, membersCount: 3, incomeThbPerYear: 100_000 }];
    const atLine = privateImpactReport(one, [e("h", "sales_share", 500_000, "2026-05-05T10:00:00+07:00")], { year: 2026 }, { povertyLineThbPerPersonPerYear: 35_000 });
    expect(atLine.households[0]?.crossedPovertyLine).toBe(true); // (100 000 + 5 000) / 3 = 35 000
    const below = privateImpactReport(one, [e("h", "sales_share", 499_999, "2026-05-05T10:00:00+07:00")], { year: 2026 }, { povertyLineThbPerPersonPerYear: 35_000 });
    expect(below.households[0]?.crossedPovertyLine).toBe(false);
  });

  it("uses Bangkok months and gives no crossing figures for a month", () => {
    const oct = privateImpactReport(households, entries, { month: "2026-10" }, { povertyLineThbPerPersonPerYear: 35_000 });
    expect(oct.earnedSatang).toBe(1_000_000);
    expect(oct.paidSatang).toBe(0);
    expect(oct.householdsCrossedPovertyLine).toBeNull();
    expect(oct.households.every((h) => h.crossedPovertyLine === null)).toBe(true);
    const nov = privateImpactReport(households, entries, { month: "2026-11" });
    expect(nov.paidSatang).toBe(1_000_000);
    expect(nov.householdsEarning).toBe(2);
  });

  it("gives twelve months that add up to the year", () => {
    const months = privateImpactMonths(households, entries, 2026);
    const year = privateImpactReport(households, entries, { year: 2026 });
    expect(months).toHaveLength(12);
    expect(months.reduce((s, m) => s + m.earnedSatang, 0)).toBe(year.earnedSatang);
    expect(months.reduce((s, m) => s + m.paidSatang, 0)).toBe(year.paidSatang);
  });

  it("refuses bad input", () => {
    expect(() => privateImpactReport(households, [e("hh-zz", "payment", -1, "2026-01-01T00:00:00Z")], { year: 2026 })).toThrow(/hh-zz/);
    expect(() => privateImpactReport(households, [e("hh-a", "payment", -1.5, "2026-01-01T00:00:00Z")], { year: 2026 })).toThrow(RangeError);
    expect(() => privateImpactReport([{ ...(households[0] as PrivateImpactHousehold), incomeThbPerYear: 1.234 }], [], { year: 2026 })).toThrow(RangeError);
    expect(() => privateImpactReport(households, [], { month: "2026-13" })).toThrow(RangeError);
  });

  it("property: the groups add up to the totals, for months and years", () => {
    const entry = fc.record({
      householdId: fc.constantFrom("hh-a", "hh-b", "hh-c", "hh-d"),
      kind: fc.constantFrom("farm_gate_purchase", "sales_share", "reversal", "payment") as fc.Arbitrary<PrivateImpactEntry["kind"]>,
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      at: fc.integer({ min: Date.UTC(2025, 11, 1), max: Date.UTC(2027, 0, 31) }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.boolean(), (rows, yearly) => {
        const list = rows.map((r) => e(r.householdId, r.kind, r.kind === "payment" || r.kind === "reversal" ? -r.amount : r.amount, new Date(r.at).toISOString()));
        const report = privateImpactReport(households, list, yearly ? { year: 2026 } : { month: "2026-06" }, { povertyLineThbPerPersonPerYear: 38_000 });
        for (const groups of [report.byVillage, report.byPovertyTier]) {
          expect(groups.reduce((s, g) => s + g.earnedSatang, 0)).toBe(report.earnedSatang);
          expect(groups.reduce((s, g) => s + g.paidSatang, 0)).toBe(report.paidSatang);
          expect(groups.reduce((s, g) => s + g.householdsEarning, 0)).toBe(report.householdsEarning);
        }
        expect(report.households.reduce((s, h) => s + h.earnedSatang, 0)).toBe(report.earnedSatang);
        expect(report.paidSatang).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});
