/**
 * FIFO allocation, for fulfilments whose units were not scanned: each line takes free units of its
 * variant from the oldest batch first, so stock leaves in the order it was made.
 *
 * Oldest = earliest produced_on, then earliest released_at, then smallest lot number; within a
 * batch, units go in ascending unit id order (code-unit order), so the same input always gives the
 * same units. Lines are served in the order given (the order's line order). Only released batches
 * whose best-before date has not passed are used, whatever the caller passes in.
 *
 * Allocation is all or nothing: if any line cannot be covered, nothing is chosen and every short
 * line is reported.
 */

import { assertCalendarDate, type CalendarDate, type Instant, instantToEpochMs, isCalendarDate } from "./calendar-date";
import type { BatchStatus } from "./public-projection";

export interface AllocationNeed {
  lineItemId: string;
  variantId: string;
  /** Units still to allocate to this line. */
  quantity: number;
}

export interface FreeBatchUnits {
  batchId: string;
  variantId: string;
  lotNumber: string;
  producedOn: CalendarDate;
  releasedAt: Instant | null;
  status: BatchStatus;
  bestBefore: CalendarDate | null;
  /** Units of the batch with no live allocation. */
  unitIds: readonly string[];
}

export interface AllocatedUnit {
  unitId: string;
  batchId: string;
  lotNumber: string;
}

export interface LineAllocation {
  lineItemId: string;
  units: AllocatedUnit[];
}

export interface Shortfall {
  lineItemId: string;
  variantId: string;
  needed: number;
  available: number;
  code: "INSUFFICIENT_UNITS";
  message_th: string;
  message_en: string;
}

export type AllocationResult = { ok: true; lines: LineAllocation[] } | { ok: false; shortfalls: Shortfall[] };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a batch's units may be allocated on `today`. */
export function isAllocatable(batch: Pick<FreeBatchUnits, "status" | "bestBefore">, today: CalendarDate): boolean {
  assertCalendarDate(today, "today");
  if (batch.status !== "released") return false;
  if (batch.bestBefore === null) return true;
  return isCalendarDate(batch.bestBefore) && today <= batch.bestBefore;
}

/** FIFO order of batches: produced_on, released_at, lot number (then batch id, for equal lots). */
export function compareFifo(a: FreeBatchUnits, b: FreeBatchUnits): number {
  if (a.producedOn !== b.producedOn) return cmp(a.producedOn, b.producedOn);
  const ra = a.releasedAt === null ? Number.POSITIVE_INFINITY : instantToEpochMs(a.releasedAt);
  const rb = b.releasedAt === null ? Number.POSITIVE_INFINITY : instantToEpochMs(b.releasedAt);
  if (ra !== rb) return ra < rb ? -1 : 1;
  return cmp(a.lotNumber, b.lotNumber) || cmp(a.batchId, b.batchId);
}

/** Chooses units for every line, oldest batch first; see the header comment. */
export function allocateFifo(needs: readonly AllocationNeed[], batches: readonly FreeBatchUnits[], today: CalendarDate): AllocationResult {
  assertCalendarDate(today, "today");
  const seenUnits = new Set<string>();
  const seenBatches = new Set<string>();
  for (const b of batches) {
    if (seenBatches.has(b.batchId)) throw new Error(`batch ${b.batchId} is listed twice`);
    seenBatches.add(b.batchId);
    for (const u of b.unitIds) {
      if (seenUnits.has(u)) throw new Error(`unit ${u} is listed twice`);
      seenUnits.add(u);
    }
  }
  const seenLines = new Set<string>();
  for (const n of needs) {
    if (seenLines.has(n.lineItemId)) throw new Error(`line ${n.lineItemId} is listed twice`);
    seenLines.add(n.lineItemId);
    if (!Number.isSafeInteger(n.quantity) || n.quantity < 0) throw new RangeError(`line ${n.lineItemId}: quantity must be a non-negative integer`);
  }

  // Per variant, one queue of free units in FIFO order.
  const queues = new Map<string, AllocatedUnit[]>();
  for (const b of batches.filter((x) => isAllocatable(x, today)).sort(compareFifo)) {
    const q = queues.get(b.variantId) ?? [];
    for (const unitId of [...b.unitIds].sort(cmp)) q.push({ unitId, batchId: b.batchId, lotNumber: b.lotNumber });
    queues.set(b.variantId, q);
  }

  const lines: LineAllocation[] = [];
  const shortfalls: Shortfall[] = [];
  const taken = new Map<string, number>();
  for (const n of needs) {
    const q = queues.get(n.variantId) ?? [];
    const start = taken.get(n.variantId) ?? 0;
    const available = q.length - start;
    if (available < n.quantity) {
      shortfalls.push({
        lineItemId: n.lineItemId,
        variantId: n.variantId,
        needed: n.quantity,
        available: Math.max(0, available),
        code: "INSUFFICIENT_UNITS",
        message_th: `มีสินค้าพร้อมส่งจากรุ่นการผลิตที่วางจำหน่ายและยังไม่หมดอายุเพียง ${Math.max(0, available)} ชิ้น แต่ต้องการ ${n.quantity} ชิ้น`,
        message_en: `Only ${Math.max(0, available)} free unit(s) of released, unexpired batches are left, but this line needs ${n.quantity}.`,
      });
      taken.set(n.variantId, q.length);
      continue;
    }
    lines.push({ lineItemId: n.lineItemId, units: q.slice(start, start + n.quantity) });
    taken.set(n.variantId, start + n.quantity);
  }
  return shortfalls.length > 0 ? { ok: false, shortfalls } : { ok: true, lines };
}

export interface UnitBalance {
  batchId: string;
  issued: number;
  allocated: number;
  free: number;
  /** True when every issued unit is exactly one of allocated or free, and nothing else is. */
  ok: boolean;
  /** Units issued but neither allocated nor free. */
  missing: string[];
  /** Units both allocated and free, or allocated twice. */
  doubled: string[];
  /** Units allocated or free that the batch never issued. */
  unknown: string[];
}

/**
 * The invariant "units issued = units allocated (live) + units free" for one batch, checked unit by
 * unit so a count that happens to match cannot hide a unit counted twice and another lost.
 */
export function unitBalance(batch: {
  batchId: string;
  issuedUnitIds: readonly string[];
  liveAllocatedUnitIds: readonly string[];
  freeUnitIds: readonly string[];
}): UnitBalance {
  const issued = new Set(batch.issuedUnitIds);
  const seen = new Map<string, number>();
  for (const u of [...batch.liveAllocatedUnitIds, ...batch.freeUnitIds]) seen.set(u, (seen.get(u) ?? 0) + 1);
  const missing = [...issued].filter((u) => !seen.has(u)).sort(cmp);
  const doubled = [...seen].filter(([, n]) => n > 1).map(([u]) => u).sort(cmp);
  const unknown = [...seen.keys()].filter((u) => !issued.has(u)).sort(cmp);
  const ok =
    missing.length === 0 &&
    doubled.length === 0 &&
    unknown.length === 0 &&
    issued.size === batch.issuedUnitIds.length &&
    batch.issuedUnitIds.length === batch.liveAllocatedUnitIds.length + batch.freeUnitIds.length;
  return {
    batchId: batch.batchId,
    issued: batch.issuedUnitIds.length,
    allocated: batch.liveAllocatedUnitIds.length,
    free: batch.freeUnitIds.length,
    ok,
    missing,
    doubled,
    unknown,
  };
}
