/**
 * PRIVATE impact figures for programme staff (admin only, behind the right to see household
 * money): what the group paid and owed to its grower households per month and per year, by village
 * and by poverty tier, and each household's income from the group against its baseline income.
 * Nothing here may reach a public response; the public side has public-share.ts only.
 *
 * Earned = farm-gate purchases + sales shares − reversals booked in the period (income the group
 * created for the household). Paid = payments handed over in the period.
 *
 * Poverty line (decision 0017): baht per PERSON per year, set by the group (e.g. the จปฐ. basic
 * minimum needs line that TPMAP uses). A household crossed it in a year when its baseline income
 * per member was below the line and baseline + what it earned from the group that year, per
 * member, is at or above it. Per person, because a line per household would call a large poor
 * family better off than a small one with the same income. Households without a baseline income or
 * member count are "unknown", never counted as crossing.
 */

import { bangkokCalendarDate } from "./calendar-date";
import type { LedgerEntryKind } from "./ledger";
import { monthBounds } from "./ledger";

export interface PrivateImpactHousehold {
  householdId: string;
  village: string;
  /** PRIVATE. null when not assessed. */
  povertyTier: string | number | null;
  membersCount: number | null;
  /** PRIVATE: baseline income (income_thb_per_year), baht. */
  incomeThbPerYear: number | null;
}

/** A ledger row as the report needs it. */
export interface PrivateImpactEntry {
  householdId: string;
  kind: LedgerEntryKind;
  satang: number;
  bookedAt: string;
}

export type ImpactPeriod = { month: string } | { year: number };

export interface PrivateImpactOptions {
  /** The group's poverty line, baht per person per year; omit for no crossing figures. */
  povertyLineThbPerPersonPerYear?: number | null;
}

export interface PrivateImpactGroup {
  key: string;
  earnedSatang: number;
  paidSatang: number;
  householdsEarning: number;
}

export interface PrivateImpactHouseholdRow {
  householdId: string;
  village: string;
  povertyTier: string;
  earnedSatang: number;
  paidSatang: number;
  baselineSatangPerYear: number | null;
  /** Earned as basis points of the baseline income (rounded down); null without a baseline. */
  earnedBasisPointsOfBaseline: number | null;
  /** Year reports only: crossed the poverty line this year; null = unknown or not a year report. */
  crossedPovertyLine: boolean | null;
}

export interface PrivateImpactReport {
  period: { kind: "month" | "year"; label: string; from: string; to: string };
  earnedSatang: number;
  paidSatang: number;
  householdsEarning: number;
  byVillage: PrivateImpactGroup[];
  byPovertyTier: PrivateImpactGroup[];
  households: PrivateImpactHouseholdRow[];
  povertyLineSatangPerPersonPerYear: number | null;
  /** Year reports with a poverty line: households that crossed it; otherwise null. */
  householdsCrossedPovertyLine: number | null;
}

const UNKNOWN_TIER = "unknown";

function bahtToSatang(baht: number | null, label: string): number | null {
  if (baht === null || baht === undefined) return null;
  const satang = Math.round(baht * 100);
  if (!Number.isFinite(baht) || baht < 0 || !Number.isSafeInteger(satang) || Math.abs(satang / 100 - baht) > 1e-9 * Math.max(1, baht)) {
    throw new RangeError(`${label} must be a non-negative amount of baht with at most 2 decimals, got ${String(baht)}`);
  }
  return satang;
}

function periodBounds(period: ImpactPeriod): PrivateImpactReport["period"] {
  if ("month" in period) {
    const b = monthBounds(period.month);
    return { kind: "month", label: period.month, from: b.from, to: b.to };
  }
  if (!Number.isInteger(period.year) || period.year < 1 || period.year > 9999) throw new RangeError(`year must be an integer, got ${period.year}`);
  const y = String(period.year).padStart(4, "0");
  return { kind: "year", label: y, from: `${y}-01-01`, to: `${y}-12-31` };
}

function grouped(rows: PrivateImpactHouseholdRow[], keyOf: (r: PrivateImpactHouseholdRow) => string): PrivateImpactGroup[] {
  const groups = new Map<string, PrivateImpactGroup>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = groups.get(k) ?? { key: k, earnedSatang: 0, paidSatang: 0, householdsEarning: 0 };
    g.earnedSatang += r.earnedSatang;
    g.paidSatang += r.paidSatang;
    if (r.earnedSatang > 0) g.householdsEarning += 1;
    groups.set(k, g);
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The PRIVATE impact report for one Bangkok month or calendar year. */
export function privateImpactReport(
  households: readonly PrivateImpactHousehold[],
  entries: readonly PrivateImpactEntry[],
  period: ImpactPeriod,
  options: PrivateImpactOptions = {},
): PrivateImpactReport {
  const bounds = periodBounds(period);
  const line = bahtToSatang(options.povertyLineThbPerPersonPerYear ?? null, "poverty line");

  const earned = new Map<string, number>();
  const paid = new Map<string, number>();
  const known = new Set(households.map((h) => h.householdId));
  if (known.size !== households.length) throw new Error("a household is listed twice");
  for (const e of entries) {
    if (!Number.isSafeInteger(e.satang)) throw new RangeError(`ledger amounts must be integer satang, got ${e.satang}`);
    const day = bangkokCalendarDate(e.bookedAt);
    if (day < bounds.from || day > bounds.to) continue;
    if (!known.has(e.householdId)) throw new Error(`a ledger entry refers to household ${e.householdId}, which is not in the list`);
    if (e.kind === "payment") paid.set(e.householdId, (paid.get(e.householdId) ?? 0) - e.satang);
    else earned.set(e.householdId, (earned.get(e.householdId) ?? 0) + e.satang);
  }

  const rows: PrivateImpactHouseholdRow[] = [...households]
    .sort((a, b) => (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0))
    .map((h) => {
      const earnedSatang = earned.get(h.householdId) ?? 0;
      const baseline = bahtToSatang(h.incomeThbPerYear, `baseline income of ${h.householdId}`);
      let crossed: boolean | null = null;
      const members = h.membersCount;
      if (bounds.kind === "year" && line !== null && baseline !== null && members !== null && Number.isInteger(members) && members > 0) {
        const threshold = BigInt(line) * BigInt(members);
        crossed = BigInt(baseline) < threshold && BigInt(baseline) + BigInt(earnedSatang) >= threshold;
      }
      return {
        householdId: h.householdId,
        village: h.village,
        povertyTier: h.povertyTier === null || h.povertyTier === undefined || h.povertyTier === "" ? UNKNOWN_TIER : String(h.povertyTier),
        earnedSatang,
        paidSatang: paid.get(h.householdId) ?? 0,
        baselineSatangPerYear: baseline,
        earnedBasisPointsOfBaseline: baseline !== null && baseline > 0 ? Number((BigInt(earnedSatang) * 10_000n) / BigInt(baseline)) : null,
        crossedPovertyLine: crossed,
      };
    });

  return {
    period: bounds,
    earnedSatang: rows.reduce((s, r) => s + r.earnedSatang, 0),
    paidSatang: rows.reduce((s, r) => s + r.paidSatang, 0),
    householdsEarning: rows.filter((r) => r.earnedSatang > 0).length,
    byVillage: grouped(rows, (r) => r.village),
    byPovertyTier: grouped(rows, (r) => r.povertyTier),
    households: rows,
    povertyLineSatangPerPersonPerYear: line,
    householdsCrossedPovertyLine: bounds.kind === "year" && line !== null ? rows.filter((r) => r.crossedPovertyLine === true).length : null,
  };
}

/** The twelve monthly PRIVATE reports of a year, for charts. */
export function privateImpactMonths(
  households: readonly PrivateImpactHousehold[],
  entries: readonly PrivateImpactEntry[],
  year: number,
): PrivateImpactReport[] {
  const y = String(year).padStart(4, "0");
  return Array.from({ length: 12 }, (_, i) => privateImpactReport(households, entries, { month: `${y}-${String(i + 1).padStart(2, "0")}` }));
}
