/**
 * Scan to pack: the verdict on one unit scanned at the packing table, and how far an order's lines
 * are covered. A refused scan changes nothing; the caller records an allocation only on `ok`.
 *
 * Checks, in this order (the first problem is told):
 *   UNKNOWN_SERIAL       the serial is not ours
 *   UNIT_ALREADY_PACKED  (this order) scanned twice: the mildest, most common slip, said first
 *   UNIT_WRONG_VARIANT   not a product of this order
 *   BATCH_RECALLED, BATCH_ON_HOLD, BATCH_NOT_RELEASED, BATCH_EXPIRED
 *                        must not leave the building, whatever else is true of it
 *   UNIT_ALREADY_PACKED  (another order) the unit is promised elsewhere
 *   LINE_COMPLETE        the order's lines of this variant need no more units
 * A unit is past its best-before date from the day after it (the date itself is still fine).
 */

import { assertCalendarDate, type CalendarDate, formatThaiDate, isCalendarDate } from "./calendar-date";
import { DigitalLinkError, parseDigitalLink } from "./digital-link";
import type { BatchStatus } from "./public-projection";
import { parseSerialInput } from "./serial";

export type PackRefusalCode =
  | "UNKNOWN_SERIAL"
  | "UNIT_WRONG_VARIANT"
  | "BATCH_NOT_RELEASED"
  | "BATCH_ON_HOLD"
  | "BATCH_RECALLED"
  | "BATCH_EXPIRED"
  | "UNIT_ALREADY_PACKED"
  | "LINE_COMPLETE";

/** What the records say about the scanned unit. */
export interface ScannedUnit {
  serial: string;
  batchId: string;
  lotNumber: string;
  variantId: string;
  batchStatus: BatchStatus;
  bestBefore: CalendarDate | null;
  /** The unit's live allocation (in a fulfilment not cancelled), or null. */
  liveAllocation: { orderId: string; orderDisplay?: string | null; lineItemId: string } | null;
}

/** One line of the order being packed. */
export interface PackingLine {
  lineItemId: string;
  variantId: string;
  /** Units ordered (returned or cancelled quantities already taken off). */
  quantity: number;
  /** Units with a live allocation to this line. */
  allocated: number;
  /** Shown in messages, e.g. "น้ำมันนวดสมุนไพร 30 มล.". */
  title?: string | null;
}

export interface PackScanInput {
  orderId: string;
  /** The serial as scanned, or null when the code could not be read as a serial. */
  unit: ScannedUnit | null;
  /** What was scanned, for messages when the unit is unknown. */
  scanned?: string | null;
  lines: readonly PackingLine[];
  /** Today in Bangkok (calendar-date.ts `bangkokToday`). */
  today: CalendarDate;
}

export interface PackAccepted {
  ok: true;
  lineItemId: string;
  serial: string;
  batchId: string;
  /** Units the line still needs after this one. */
  remainingOnLine: number;
  message_th: string;
  message_en: string;
}

export interface PackRefused {
  ok: false;
  code: PackRefusalCode;
  /** For UNIT_ALREADY_PACKED: where the unit already is. */
  packedIn?: "this_order" | "other_order";
  message_th: string;
  message_en: string;
}

export type PackScanVerdict = PackAccepted | PackRefused;

function refuse(code: PackRefusalCode, message_th: string, message_en: string, packedIn?: "this_order" | "other_order"): PackRefused {
  return packedIn ? { ok: false, code, packedIn, message_th, message_en } : { ok: false, code, message_th, message_en };
}

function checkLines(lines: readonly PackingLine[]): void {
  const ids = new Set<string>();
  for (const l of lines) {
    if (ids.has(l.lineItemId)) throw new Error(`line ${l.lineItemId} is listed twice`);
    ids.add(l.lineItemId);
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 0 || !Number.isSafeInteger(l.allocated) || l.allocated < 0) {
      throw new RangeError(`line ${l.lineItemId}: quantity and allocated must be non-negative integers`);
    }
  }
}

/**
 * What a scanned code names: a serial from a unit's Digital Link (camera, scanner) or a typed serial.
 * Returns the canonical serial and, for a Digital Link, its GTIN and lot; null when neither.
 */
export function serialFromScan(text: string): { serial: string; gtin: string | null; lot: string | null } | null {
  const trimmed = text.trim();
  if (trimmed.includes("/")) {
    try {
      const link = parseDigitalLink(trimmed);
      return link.serial === null ? null : { serial: link.serial, gtin: link.gtin, lot: link.lot };
    } catch (e) {
      if (e instanceof DigitalLinkError) return null;
      throw e;
    }
  }
  const serial = parseSerialInput(trimmed);
  return serial === null ? null : { serial, gtin: null, lot: null };
}

/** The verdict on one pack scan; see the header for the order of checks. */
export function checkPackScan(input: PackScanInput): PackScanVerdict {
  assertCalendarDate(input.today, "today");
  checkLines(input.lines);
  const unit = input.unit;
  if (unit === null) {
    const what = input.scanned ? ` (${input.scanned.slice(0, 64)})` : "";
    return refuse(
      "UNKNOWN_SERIAL",
      `ไม่พบรหัสนี้ในระบบ${what} ตรวจสอบว่าเป็นฉลากของกลุ่มเรา`,
      `This code is not in our records${what}. Check that it is one of our labels.`,
    );
  }

  if (unit.liveAllocation !== null && unit.liveAllocation.orderId === input.orderId) {
    return refuse(
      "UNIT_ALREADY_PACKED",
      `ชิ้นนี้ (${unit.serial}) สแกนเข้าคำสั่งซื้อนี้แล้ว ไม่ต้องสแกนซ้ำ`,
      `This unit (${unit.serial}) is already packed in this order; no need to scan it again.`,
      "this_order",
    );
  }

  const ofVariant = input.lines.filter((l) => l.variantId === unit.variantId);
  if (ofVariant.length === 0) {
    return refuse(
      "UNIT_WRONG_VARIANT",
      "สินค้าชิ้นนี้ไม่อยู่ในคำสั่งซื้อนี้ ตรวจสอบชนิดและขนาดสินค้า",
      "This unit is not a product of this order. Check the product and its size.",
    );
  }

  switch (unit.batchStatus) {
    case "recalled":
      return refuse(
        "BATCH_RECALLED",
        `รุ่นการผลิต ${unit.lotNumber} ถูกเรียกคืนแล้ว ห้ามส่งชิ้นนี้ แยกเก็บไว้`,
        `Batch ${unit.lotNumber} has been recalled. Do not ship this unit; set it aside.`,
      );
    case "on_hold":
      return refuse(
        "BATCH_ON_HOLD",
        `รุ่นการผลิต ${unit.lotNumber} ถูกระงับชั่วคราว ยังส่งไม่ได้`,
        `Batch ${unit.lotNumber} is on hold and cannot be shipped yet.`,
      );
    case "draft":
      return refuse(
        "BATCH_NOT_RELEASED",
        `รุ่นการผลิต ${unit.lotNumber} ยังไม่ได้วางจำหน่าย`,
        `Batch ${unit.lotNumber} has not been released for sale.`,
      );
    case "released":
      break;
    default:
      throw new Error(`unknown batch status ${JSON.stringify(unit.batchStatus)}`);
  }

  if (unit.bestBefore !== null) {
    if (!isCalendarDate(unit.bestBefore)) throw new RangeError(`batch ${unit.batchId} has an invalid best-before date`);
    if (input.today > unit.bestBefore) {
      return refuse(
        "BATCH_EXPIRED",
        `รุ่นการผลิต ${unit.lotNumber} ควรใช้ก่อน ${formatThaiDate(unit.bestBefore)} ซึ่งเลยมาแล้ว ห้ามส่ง`,
        `Batch ${unit.lotNumber} was best before ${unit.bestBefore}, which has passed. Do not ship it.`,
      );
    }
  }

  if (unit.liveAllocation !== null) {
    const other = unit.liveAllocation.orderDisplay ? ` #${unit.liveAllocation.orderDisplay}` : "";
    return refuse(
      "UNIT_ALREADY_PACKED",
      `ชิ้นนี้ (${unit.serial}) ถูกแพ็กให้คำสั่งซื้ออื่น${other} แล้ว หยิบชิ้นอื่น`,
      `This unit (${unit.serial}) is already packed for another order${other}. Take another one.`,
      "other_order",
    );
  }

  const line = ofVariant.find((l) => l.allocated < l.quantity);
  if (!line) {
    const title = ofVariant[0]?.title ? ` (${ofVariant[0].title})` : "";
    return refuse(
      "LINE_COMPLETE",
      `สินค้านี้${title} แพ็กครบจำนวนแล้ว`,
      `This product${title} is already fully packed for this order.`,
    );
  }
  const remaining = line.quantity - line.allocated - 1;
  return {
    ok: true,
    lineItemId: line.lineItemId,
    serial: unit.serial,
    batchId: unit.batchId,
    remainingOnLine: remaining,
    message_th: remaining > 0 ? `ถูกต้อง เหลืออีก ${remaining} ชิ้น` : "ถูกต้อง รายการนี้ครบแล้ว",
    message_en: remaining > 0 ? `OK, ${remaining} more to go.` : "OK, this line is complete.",
  };
}

export interface PackingLineSummary {
  lineItemId: string;
  variantId: string;
  quantity: number;
  packed: number;
  scanned: number;
  allocatedFifo: number;
  remaining: number;
  /** Allocations beyond the quantity (should never happen; shown so someone fixes it). */
  excess: number;
  complete: boolean;
}

export interface PackingSummary {
  lines: PackingLineSummary[];
  unitsOrdered: number;
  unitsPacked: number;
  /** Every line has exactly its quantity: the fulfilment can be created. */
  complete: boolean;
}

/** Per-line progress from the live allocations of an order (`how`: scanned or allocated FIFO). */
export function packingSummary(
  lines: readonly Omit<PackingLine, "allocated">[],
  allocations: readonly { lineItemId: string; how: "scanned" | "fifo" }[],
): PackingSummary {
  checkLines(lines.map((l) => ({ ...l, allocated: 0 })));
  const counts = new Map<string, { scanned: number; fifo: number }>();
  for (const l of lines) counts.set(l.lineItemId, { scanned: 0, fifo: 0 });
  for (const a of allocations) {
    const c = counts.get(a.lineItemId);
    if (!c) throw new Error(`an allocation refers to line ${a.lineItemId}, which is not in this order`);
    if (a.how === "scanned") c.scanned += 1;
    else c.fifo += 1;
  }
  const out = lines.map((l) => {
    const c = counts.get(l.lineItemId) as { scanned: number; fifo: number };
    const packed = c.scanned + c.fifo;
    return {
      lineItemId: l.lineItemId,
      variantId: l.variantId,
      quantity: l.quantity,
      packed,
      scanned: c.scanned,
      allocatedFifo: c.fifo,
      remaining: Math.max(0, l.quantity - packed),
      excess: Math.max(0, packed - l.quantity),
      complete: packed === l.quantity,
    };
  });
  return {
    lines: out,
    unitsOrdered: out.reduce((s, l) => s + l.quantity, 0),
    unitsPacked: out.reduce((s, l) => s + l.packed, 0),
    complete: out.every((l) => l.complete),
  };
}

/** True when every line has exactly as many live allocations as units ordered. */
export function allLinesCovered(lines: readonly PackingLine[]): boolean {
  checkLines(lines);
  return lines.every((l) => l.allocated === l.quantity);
}
