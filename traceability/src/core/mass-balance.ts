/**
 * Mass balance: a batch never uses more herb than its harvest lots have left, and its provenance
 * is stated as shares of the kilograms that went in (per plot, per household, per species).
 *
 * All sums are done in integer grams (see quantity.ts). Percentages are rounded with the largest
 * remainder method, so a list of shares always adds up to exactly 100 on the label page.
 */

import type { CertificationScheme } from "./certification";
import { CERTIFICATION_SCHEMES } from "./certification";
import { gramsToKg, isValidKg, kgToGrams } from "./quantity";

/** One harvest lot used in a batch. */
export interface BatchInputLine {
  harvestLotId: string;
  plotId: string;
  householdId: string;
  speciesId: string;
  kgUsed: number;
}

/** How much a harvest lot had and how much earlier batches already took. */
export interface HarvestLotBalance {
  harvestLotId: string;
  kgHarvested: number;
  kgAlreadyUsed: number;
}

export type ConsumptionProblemCode = "UNKNOWN_HARVEST_LOT" | "INVALID_KG" | "EXCEEDS_REMAINING";

export interface ConsumptionProblem {
  harvestLotId: string;
  code: ConsumptionProblemCode;
  /** Total grams this batch asks for from the lot (lines for the same lot are added up). */
  gramsRequested: number;
  /** Grams the lot has left before this batch (0 when unknown). */
  gramsRemaining: number;
  message_th: string;
  message_en: string;
}

export interface LotRemaining {
  harvestLotId: string;
  gramsRemainingAfter: number;
  kgRemainingAfter: number;
}

export type ConsumptionCheck =
  | { ok: true; remaining: LotRemaining[] }
  | { ok: false; problems: ConsumptionProblem[] };

function kgText(grams: number): string {
  return `${gramsToKg(grams)} kg`;
}

/**
 * Checks that every lot can supply what the batch takes from it. Using a lot exactly up is fine;
 * one gram more is refused. All problems are reported at once so the form can show them together.
 */
export function checkConsumption(
  inputs: readonly BatchInputLine[],
  balances: readonly HarvestLotBalance[],
): ConsumptionCheck {
  const problems: ConsumptionProblem[] = [];
  const requested = new Map<string, number>();
  const invalidLots = new Set<string>();

  for (const line of inputs) {
    if (!isValidKg(line.kgUsed)) {
      invalidLots.add(line.harvestLotId);
      problems.push({
        harvestLotId: line.harvestLotId,
        code: "INVALID_KG",
        gramsRequested: 0,
        gramsRemaining: 0,
        message_th: `น้ำหนักที่ใช้จากล็อตเก็บเกี่ยว ${line.harvestLotId} ต้องมากกว่า 0 และมีทศนิยมไม่เกิน 3 ตำแหน่ง`,
        message_en: `Weight used from harvest lot ${line.harvestLotId} must be more than 0 kg with at most 3 decimals; got ${String(line.kgUsed)}.`,
      });
      continue;
    }
    requested.set(line.harvestLotId, (requested.get(line.harvestLotId) ?? 0) + kgToGrams(line.kgUsed));
  }

  const remainingBefore = new Map<string, number>();
  for (const balance of balances) {
    if (remainingBefore.has(balance.harvestLotId)) {
      throw new Error(`harvest lot ${balance.harvestLotId} has two balances`);
    }
    if (!isValidKg(balance.kgHarvested) || !isValidKg(balance.kgAlreadyUsed, { allowZero: true })) {
      // A corrupt balance must block the batch, not be guessed around.
      remainingBefore.set(balance.harvestLotId, Number.NaN);
      continue;
    }
    remainingBefore.set(balance.harvestLotId, kgToGrams(balance.kgHarvested) - kgToGrams(balance.kgAlreadyUsed, { allowZero: true }));
  }

  const remaining: LotRemaining[] = [];
  for (const [harvestLotId, grams] of requested) {
    if (invalidLots.has(harvestLotId)) continue;
    const before = remainingBefore.get(harvestLotId);
    if (before === undefined) {
      problems.push({
        harvestLotId,
        code: "UNKNOWN_HARVEST_LOT",
        gramsRequested: grams,
        gramsRemaining: 0,
        message_th: `ไม่พบล็อตเก็บเกี่ยว ${harvestLotId}`,
        message_en: `Harvest lot ${harvestLotId} is not known.`,
      });
    } else if (Number.isNaN(before)) {
      problems.push({
        harvestLotId,
        code: "INVALID_KG",
        gramsRequested: grams,
        gramsRemaining: 0,
        message_th: `ข้อมูลน้ำหนักของล็อตเก็บเกี่ยว ${harvestLotId} ไม่ถูกต้อง`,
        message_en: `The recorded weights of harvest lot ${harvestLotId} are invalid.`,
      });
    } else if (grams > before) {
      const left = Math.max(0, before);
      problems.push({
        harvestLotId,
        code: "EXCEEDS_REMAINING",
        gramsRequested: grams,
        gramsRemaining: left,
        message_th: `ล็อตเก็บเกี่ยว ${harvestLotId} เหลือ ${gramsToKg(left)} กก. แต่ต้องการใช้ ${gramsToKg(grams)} กก.`,
        message_en: `Harvest lot ${harvestLotId} has ${kgText(left)} left, but ${kgText(grams)} is requested.`,
      });
    } else {
      remaining.push({ harvestLotId, gramsRemainingAfter: before - grams, kgRemainingAfter: gramsToKg(before - grams) });
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, remaining };
}

/**
 * Splits 100 % over `weights` (non-negative integers, at least one > 0) with `decimals` decimal
 * places, so the results add up to exactly 100. Each share gets its rounded-down value, then the
 * leftover units go to the largest remainders; ties go to the larger weight, then the earlier entry,
 * so the result is deterministic. BigInt keeps weight × 100·10^decimals exact for any gram count.
 */
export function largestRemainderPercents(weights: readonly number[], decimals = 0): number[] {
  checkDecimals(decimals);
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be non-negative integers, got ${w}`);
  }
  const total = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (total === 0n) throw new RangeError("weights must not all be zero");

  const scale = 10n ** BigInt(decimals);
  const units = 100n * scale;
  const floors = weights.map((w) => (BigInt(w) * units) / total);
  const remainders = weights.map((w) => (BigInt(w) * units) % total);
  let leftover = units - floors.reduce((sum, f) => sum + f, 0n);

  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      if (ra !== rb) return ra > rb ? -1 : 1;
      if (weights[a] !== weights[b]) return (weights[b] as number) - (weights[a] as number);
      return a - b;
    });
  const result = floors.slice();
  for (const i of order) {
    if (leftover === 0n) break;
    result[i] = (result[i] as bigint) + 1n;
    leftover -= 1n;
  }
  return result.map((u) => Number(u) / Number(scale));
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError(`decimals must be an integer 0–6, got ${decimals}`);
  }
}

export interface ShareLine {
  /** plotId, householdId or speciesId. */
  id: string;
  grams: number;
  kg: number;
  percent: number;
}

export interface SchemeShare {
  grams: number;
  kg: number;
  /** Rounded DOWN, so a claim such as "100 % GAP-certified" is only made when every gram was. */
  percent: number;
}

export interface MassBalanceShares {
  totalGrams: number;
  totalKg: number;
  harvestLotsCount: number;
  plotsCount: number;
  householdsCount: number;
  speciesCount: number;
  /** Heaviest first, then by id. Each list's percents add up to exactly 100 (or it is empty). */
  byPlot: ShareLine[];
  byHousehold: ShareLine[];
  bySpecies: ShareLine[];
  /** Share of the input from lots that had a valid certification of that scheme when harvested. */
  certified: Record<CertificationScheme, SchemeShare>;
}

export interface SharesOptions {
  /** Certification snapshot of each harvest lot (by harvestLotId); lots not listed count as uncertified. */
  certifications?: Readonly<Record<string, readonly { scheme: CertificationScheme }[]>>;
  /** Decimal places of the percentages (default 0). */
  percentDecimals?: number;
}

function shareLines(grouped: Map<string, number>, decimals: number): ShareLine[] {
  const entries = [...grouped.entries()].sort(([ia, ga], [ib, gb]) => gb - ga || (ia < ib ? -1 : ia > ib ? 1 : 0));
  if (entries.length === 0) return [];
  const percents = largestRemainderPercents(
    entries.map(([, g]) => g),
    decimals,
  );
  return entries.map(([id, grams], i) => ({ id, grams, kg: gramsToKg(grams), percent: percents[i] as number }));
}

function floorPercent(part: number, total: number, decimals: number): number {
  if (total === 0) return 0;
  const scale = 10n ** BigInt(decimals);
  return Number((BigInt(part) * 100n * scale) / BigInt(total)) / Number(scale);
}

/** Shares of a batch's input per plot, household and species, plus counts and certified shares. */
export function shares(inputs: readonly BatchInputLine[], options: SharesOptions = {}): MassBalanceShares {
  const decimals = options.percentDecimals ?? 0;
  checkDecimals(decimals);
  const byPlot = new Map<string, number>();
  const byHousehold = new Map<string, number>();
  const bySpecies = new Map<string, number>();
  const lots = new Set<string>();
  const certifiedGrams = Object.fromEntries(CERTIFICATION_SCHEMES.map((s) => [s, 0])) as Record<CertificationScheme, number>;
  let total = 0;

  for (const line of inputs) {
    const grams = kgToGrams(line.kgUsed, { label: `kg used from harvest lot ${line.harvestLotId}` });
    total += grams;
    lots.add(line.harvestLotId);
    byPlot.set(line.plotId, (byPlot.get(line.plotId) ?? 0) + grams);
    byHousehold.set(line.householdId, (byHousehold.get(line.householdId) ?? 0) + grams);
    bySpecies.set(line.speciesId, (bySpecies.get(line.speciesId) ?? 0) + grams);
    const schemes = new Set((options.certifications?.[line.harvestLotId] ?? []).map((c) => c.scheme));
    for (const scheme of schemes) {
      if (scheme in certifiedGrams) certifiedGrams[scheme] += grams;
    }
  }

  const certified = Object.fromEntries(
    CERTIFICATION_SCHEMES.map((scheme) => {
      const grams = certifiedGrams[scheme];
      return [scheme, { grams, kg: gramsToKg(grams), percent: floorPercent(grams, total, decimals) }];
    }),
  ) as Record<CertificationScheme, SchemeShare>;

  return {
    totalGrams: total,
    totalKg: gramsToKg(total),
    harvestLotsCount: lots.size,
    plotsCount: byPlot.size,
    householdsCount: byHousehold.size,
    speciesCount: bySpecies.size,
    byPlot: shareLines(byPlot, decimals),
    byHousehold: shareLines(byHousehold, decimals),
    bySpecies: shareLines(bySpecies, decimals),
    certified,
  };
}
