import { describe, expect, it } from "vitest";
import {
  type BatchInputLine,
  checkConsumption,
  type HarvestLotBalance,
  largestRemainderPercents,
  shares,
} from "./mass-balance";

function line(harvestLotId: string, kgUsed: number, extra: Partial<BatchInputLine> = {}): BatchInputLine {
  return { harvestLotId, plotId: "plot-1", householdId: "hh-1", speciesId: "sp-1", kgUsed, ...extra };
}

function balance(harvestLotId: string, kgHarvested: number, kgAlreadyUsed: number): HarvestLotBalance {
  return { harvestLotId, kgHarvested, kgAlreadyUsed };
}

describe("checkConsumption", () => {
  it("allows using a lot exactly up", () => {
    const result = checkConsumption([line("L1", 2.7)], [balance("L1", 10, 7.3)]);
    expect(result).toEqual({ ok: true, remaining: [{ harvestLotId: "L1", gramsRemainingAfter: 0, kgRemainingAfter: 0 }] });
  });

  it("refuses one gram over what is left", () => {
    const result = checkConsumption([line("L1", 2.701)], [balance("L1", 10, 7.3)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ harvestLotId: "L1", code: "EXCEEDS_REMAINING", gramsRequested: 2701, gramsRemaining: 2700 }),
    ]);
    expect(result.problems[0]?.message_en).toBe("Harvest lot L1 has 2.7 kg left, but 2.701 kg is requested.");
    expect(result.problems[0]?.message_th).toBe("ล็อตเก็บเกี่ยว L1 เหลือ 2.7 กก. แต่ต้องการใช้ 2.701 กก.");
  });

  it("is not fooled by floating point: 0.1 + 0.2 kg from a 0.3 kg lot is exactly enough", () => {
    expect(0.1 + 0.2 > 0.3).toBe(true); // the trap
    expect(checkConsumption([line("L1", 0.1), line("L1", 0.2)], [balance("L1", 0.3, 0)]).ok).toBe(true);
  });

  it("adds up several lines taking from the same lot", () => {
    const result = checkConsumption([line("L1", 3), line("L1", 3)], [balance("L1", 5, 0)]);
    expect(result.ok === false && result.problems[0]).toMatchObject({ code: "EXCEEDS_REMAINING", gramsRequested: 6000 });
  });

  it("reports every problem at once, and remaining kg when fine", () => {
    const result = checkConsumption(
      [line("L1", 1), line("L2", 0), line("L3", 1), line("L4", 9)],
      [balance("L1", 5, 1), balance("L2", 5, 0), balance("L4", 10, 2)],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.harvestLotId, p.code])).toEqual([
      ["L2", "INVALID_KG"],
      ["L3", "UNKNOWN_HARVEST_LOT"],
      ["L4", "EXCEEDS_REMAINING"],
    ]);
    expect(checkConsumption([line("L1", 1)], [balance("L1", 5, 1)])).toEqual({
      ok: true,
      remaining: [{ harvestLotId: "L1", gramsRemainingAfter: 3000, kgRemainingAfter: 3 }],
    });
  });

  it("blocks lots whose recorded balance is corrupt or already overdrawn", () => {
    const corrupt = checkConsumption([line("L1", 1)], [balance("L1", Number.NaN, 0)]);
    expect(corrupt.ok === false && corrupt.problems[0]?.code).toBe("INVALID_KG");
    const overdrawn = checkConsumption([line("L1", 0.001)], [balance("L1", 5, 6)]);
    expect(overdrawn.ok === false && overdrawn.problems[0]).toMatchObject({ code: "EXCEEDS_REMAINING", gramsRemaining: 0 });
    expect(() => checkConsumption([], [balance("L1", 1, 0), balance("L1", 2, 0)])).toThrow(/two balances/);
  });
});

describe("largestRemainderPercents", () => {
  it("makes thirds add up to 100", () => {
    expect(largestRemainderPercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainderPercents([1, 1, 1], 1)).toEqual([33.4, 33.3, 33.3]);
  });

  it("gives leftover units to the largest remainders, not the largest shares", () => {
    // exact: 66.1, 16.95, 16.95 → floors 66, 16, 16 (98); remainders .1, .95, .95 → the two 16s get +1
    expect(largestRemainderPercents([6610, 1695, 1695])).toEqual([66, 17, 17]);
    // exact 12.5 / 87.5: tie on remainder → the larger weight wins
    expect(largestRemainderPercents([1, 7])).toEqual([12, 88]);
    expect(largestRemainderPercents([7, 1])).toEqual([88, 12]);
  });

  it("always sums to exactly 100 units, including tiny shares and zeros", () => {
    const cases: number[][] = [
      [1, 1, 1, 1, 1, 1, 1],
      [999_997, 1, 1, 1],
      [0, 5, 0],
      [12_345, 67_890, 13, 7, 2_500_000],
      [1],
    ];
    for (const weights of cases) {
      for (const decimals of [0, 1, 2]) {
        const p = largestRemainderPercents(weights, decimals);
        const units = p.reduce((s, x) => s + Math.round(x * 10 ** decimals), 0);
        expect(units, `${weights} @${decimals}`).toBe(100 * 10 ** decimals);
        p.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
      }
    }
    expect(largestRemainderPercents([0, 5, 0])).toEqual([0, 100, 0]);
  });

  it("stays exact for huge gram counts", () => {
    expect(largestRemainderPercents([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER])).toEqual([50, 50]);
  });

  it("refuses bad input", () => {
    expect(() => largestRemainderPercents([0, 0])).toThrow(/all be zero/);
    expect(() => largestRemainderPercents([])).toThrow(/all be zero/);
    expect(() => largestRemainderPercents([1.5])).toThrow(/integers/);
    expect(() => largestRemainderPercents([-1, 2])).toThrow(/non-negative/);
    expect(() => largestRemainderPercents([1], 7)).toThrow(/decimals/);
  });
});

describe("shares", () => {
  const inputs: BatchInputLine[] = [
    line("L1", 4, { plotId: "P1", householdId: "H1", speciesId: "cryptolepis" }),
    line("L2", 3, { plotId: "P2", householdId: "H1", speciesId: "cryptolepis" }),
    line("L3", 2, { plotId: "P3", householdId: "H2", speciesId: "cleome" }),
    line("L4", 1.5, { plotId: "P3", householdId: "H2", speciesId: "cissus" }),
    line("L5", 0.5, { plotId: "P4", householdId: "H3", speciesId: "cissus" }),
  ];
  const certifications = {
    L1: [{ scheme: "TH-GAP" as const }, { scheme: "PGS" as const }],
    L2: [{ scheme: "TH-GAP" as const }],
    L3: [{ scheme: "PGS" as const }],
    L4: [{ scheme: "TH-GAP" as const }, { scheme: "TH-GAP" as const }], // duplicate scheme counts once
  };

  it("counts and totals", () => {
    const s = shares(inputs, { certifications });
    expect(s).toMatchObject({
      totalGrams: 11_000,
      totalKg: 11,
      harvestLotsCount: 5,
      plotsCount: 4,
      householdsCount: 3,
      speciesCount: 3,
    });
  });

  it("splits per plot, household and species, heaviest first, summing to 100", () => {
    const s = shares(inputs, { certifications });
    // exact: 36.36 / 27.27 / 31.82 / 4.55 → floors 36, 27, 31, 4 (98) → +1 to .82 and .55
    expect(s.byPlot).toEqual([
      { id: "P1", grams: 4000, kg: 4, percent: 36 },
      { id: "P3", grams: 3500, kg: 3.5, percent: 32 },
      { id: "P2", grams: 3000, kg: 3, percent: 27 },
      { id: "P4", grams: 500, kg: 0.5, percent: 5 },
    ]);
    expect(s.byHousehold.map((l) => [l.id, l.percent])).toEqual([
      ["H1", 64],
      ["H2", 32],
      ["H3", 4],
    ]);
    expect(s.bySpecies.map((l) => [l.id, l.kg, l.percent])).toEqual([
      ["cryptolepis", 7, 64],
      ["cissus", 2, 18],
      ["cleome", 2, 18],
    ]);
    for (const list of [s.byPlot, s.byHousehold, s.bySpecies]) {
      expect(list.reduce((sum, l) => sum + l.percent, 0)).toBe(100);
    }
  });

  it("states certified shares rounded down, never overstating", () => {
    const s = shares(inputs, { certifications });
    // GAP: L1 + L2 + L4 = 8.5 of 11 kg = 77.27 %; PGS: L1 + L3 = 6 kg = 54.54 %
    expect(s.certified["TH-GAP"]).toEqual({ grams: 8500, kg: 8.5, percent: 77 });
    expect(s.certified.PGS).toEqual({ grams: 6000, kg: 6, percent: 54 });
    expect(s.certified.ORGANIC).toEqual({ grams: 0, kg: 0, percent: 0 });

    // 999.999 of 1000 kg certified is 99.9999 %: it must not be shown as 100 %.
    const almost = shares([line("A", 999.999), line("B", 0.001)], { certifications: { A: [{ scheme: "TH-GAP" }] } });
    expect(almost.certified["TH-GAP"].percent).toBe(99);
    expect(shares([line("A", 1)], { certifications: { A: [{ scheme: "TH-GAP" }] } }).certified["TH-GAP"].percent).toBe(100);
    expect(shares(inputs).certified["TH-GAP"].percent).toBe(0);
  });

  it("supports decimal percentages", () => {
    const s = shares(inputs, { certifications, percentDecimals: 1 });
    expect(s.byPlot.map((l) => l.percent)).toEqual([36.4, 31.8, 27.3, 4.5]);
    expect(s.certified["TH-GAP"].percent).toBe(77.2);
    expect(() => shares(inputs, { percentDecimals: -1 })).toThrow(/decimals/);
  });

  it("is exact with awkward weights and empty input", () => {
    const s = shares([line("A", 0.1), line("B", 0.2, { plotId: "P2" })]);
    expect(s.totalKg).toBe(0.3);
    expect(s.byPlot.map((l) => l.percent)).toEqual([67, 33]);
    expect(shares([])).toMatchObject({ totalGrams: 0, byPlot: [], householdsCount: 0 });
    expect(shares([]).certified.PGS.percent).toBe(0);
    expect(() => shares([line("A", 0)])).toThrow(/kg used from harvest lot A/);
  });
});
