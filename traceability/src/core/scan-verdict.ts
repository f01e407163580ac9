/**
 * What a buyer is told after scanning a unit's QR code. Clone detection is statistical: a copied label
 * shows up as one serial opened from many different networks (the fake bottles are in many hands), or a
 * serial scanned under the wrong lot. Views from one network (refreshes, the language switch, a buyer
 * checking again at home) say nothing about copying, so only DIFFERENT networks count towards the flag;
 * every view is still counted for statistics. The verdict only flags; it never hides the provenance
 * (the bottle may be real). docs/decisions/0018-scan-verdict-counts-networks.md
 */

import { bangkokCalendarDate, type CalendarDate, formatEnglishDate, formatThaiDate, formatThaiMonth, isCalendarDate, isInstant } from "./calendar-date";

/**
 * A serial opened from more networks than this is flagged. A genuine bottle is opened by its buyer at home
 * and on a phone whose mobile-data address changes now and then, perhaps by family or the shop: a handful.
 */
export const DEFAULT_SUSPICIOUS_NETWORKS = 8;

/** What the label-unit record says about a serial; null when the serial is not in our records. */
export interface LabelScanState {
  /** Views so far INCLUDING the one being answered (every page view, for statistics). */
  scanCount: number;
  /** Different networks (see scanNetwork) that opened it so far, INCLUDING this one. */
  networkCount: number;
  /** First scan of this serial (ISO instant), or null if this is the first. */
  firstScanAt: string | null;
  /** Lot the serial was printed for. */
  lot: string;
  /**
   * What unit-level fulfilment knows of this unit (issue 12): the Bangkok day it was packed into a buyer's
   * fulfilment, or null when it never was. Absent (or null) when the batch is not packed unit by unit (no
   * allocation of it exists): then nothing is said about a sale.
   */
  sale?: { soldOn: CalendarDate | null } | null;
}

export type ScanVerdictKind = "unknown_serial" | "lot_mismatch" | "first_scan" | "repeat_scan";

export interface ScanVerdict {
  kind: ScanVerdictKind;
  scanCount: number;
  networkCount: number;
  /** Bangkok calendar date of the first scan, or null. */
  firstScanOn: string | null;
  suspicious: boolean;
  message_th: string;
  message_en: string;
  /** The month the unit was sold ("2026-12"), when it was; never to whom. */
  soldMonth?: string;
  /** True when the records say the unit has never been sold (its label should not be in a buyer's hands). */
  notSold?: boolean;
}

export interface ScanVerdictOptions {
  /** The lot in the scanned URI; a serial printed for another lot is a sign of a copied label. */
  scannedLot?: string | null;
  /** Flag a serial opened from more than this many networks (default DEFAULT_SUSPICIOUS_NETWORKS). */
  suspiciousAfterNetworks?: number;
  /** The unit's batch is recalled: said first, plainly. */
  recalled?: boolean;
}

const positive = (n: number) => Number.isInteger(n) && n > 0;

/**
 * Builds the verdict for one scan. For a genuine serial, what fulfilment knows is added: a unit never sold is
 * flagged (a label scanned before it ever left the group was copied or taken), a sold one says the month of its
 * sale ("จำหน่ายเมื่อ ธ.ค. 2569"), and a recalled batch is said before anything else.
 */
export function scanVerdict(state: LabelScanState | null, options: ScanVerdictOptions = {}): ScanVerdict {
  const v = counted(state, options);
  if (state === null || (v.kind !== "first_scan" && v.kind !== "repeat_scan")) return v;
  let out: ScanVerdict = v;
  const sale = state.sale ?? null;
  if (sale !== null && sale.soldOn === null) {
    out = {
      ...out,
      suspicious: true,
      notSold: true,
      message_th: "ตามบันทึกของกลุ่ม ชิ้นนี้ยังไม่เคยถูกจำหน่าย หากคุณซื้อสินค้านี้มา ฉลากอาจถูกคัดลอกหรือสินค้าไม่ได้มาจากกลุ่มโดยตรง กรุณาติดต่อเรา",
      message_en: "Our records say this unit has never been sold. If you bought it, its label may have been copied or the item did not come from the group; please contact us.",
    };
  } else if (sale !== null && sale.soldOn !== null && isCalendarDate(sale.soldOn)) {
    const month = sale.soldOn.slice(0, 7);
    const en = new Date(`${month}-15T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
    out = {
      ...out,
      soldMonth: month,
      message_th: `${out.message_th} จำหน่ายเมื่อ ${formatThaiMonth(sale.soldOn)}`,
      message_en: `${out.message_en} Sold in ${en}.`,
    };
  }
  if (options.recalled) {
    out = {
      ...out,
      message_th: `รุ่นการผลิตนี้ถูกเรียกคืนแล้ว โปรดหยุดใช้สินค้าชิ้นนี้และติดต่อกลุ่ม — ${out.message_th}`,
      message_en: `This batch has been recalled: please stop using this item and contact the group. ${out.message_en}`,
    };
  }
  return out;
}

function counted(state: LabelScanState | null, options: ScanVerdictOptions): ScanVerdict {
  const threshold = options.suspiciousAfterNetworks ?? DEFAULT_SUSPICIOUS_NETWORKS;
  if (!positive(threshold)) throw new RangeError(`suspiciousAfterNetworks must be ≥ 1, got ${threshold}`);

  if (state === null) {
    return {
      kind: "unknown_serial",
      scanCount: 0,
      networkCount: 0,
      firstScanOn: null,
      suspicious: true,
      message_th: "ไม่พบรหัสนี้ในระบบของวิสาหกิจชุมชนแม่มอก สินค้านี้อาจไม่ใช่ของแท้ กรุณาติดต่อเรา",
      message_en: "This code is not in the Mae Mok community enterprise's records. The product may not be genuine; please contact us.",
    };
  }

  const scanCount = positive(state.scanCount) ? state.scanCount : 1;
  // At least one network (this one), never more networks than views.
  const networkCount = Math.min(positive(state.networkCount) ? state.networkCount : 1, scanCount);
  const firstScanOn = state.firstScanAt !== null && isInstant(state.firstScanAt) ? bangkokCalendarDate(state.firstScanAt) : null;

  if (options.scannedLot != null && options.scannedLot !== state.lot) {
    return {
      kind: "lot_mismatch",
      scanCount,
      networkCount,
      firstScanOn,
      suspicious: true,
      message_th: "รหัสนี้ไม่ตรงกับรุ่นการผลิตที่พิมพ์บนฉลาก ฉลากอาจถูกคัดลอก",
      message_en: "This serial was not printed for the lot on this label. The label may have been copied.",
    };
  }

  if (scanCount <= 1) {
    return {
      kind: "first_scan",
      scanCount,
      networkCount,
      firstScanOn,
      suspicious: false,
      message_th: "สแกนครั้งแรก ขอบคุณที่อุดหนุนผู้ปลูกสมุนไพรแม่มอก",
      message_en: "First scan of this item. Thank you for supporting the Mae Mok herb growers.",
    };
  }

  const suspicious = networkCount > threshold;
  // Without a first-scan date (inconsistent record) the counts alone are still worth telling.
  const sinceTh = firstScanOn ? ` ตั้งแต่วันที่ ${formatThaiDate(firstScanOn)}` : "";
  const sinceEn = firstScanOn ? ` since ${formatEnglishDate(firstScanOn)}` : "";
  const whereEn = networkCount === 1 ? "1 device or network" : `${networkCount} different devices or networks`;
  const whereTh = networkCount === 1 ? "1 เครื่อง/เครือข่าย" : `${networkCount} เครื่อง/เครือข่ายที่ต่างกัน`;
  return {
    kind: "repeat_scan",
    scanCount,
    networkCount,
    firstScanOn,
    suspicious,
    message_th: suspicious
      ? `สแกนแล้ว ${scanCount} ครั้ง จาก ${whereTh}${sinceTh} ฉลากจริงหนึ่งชิ้นมักถูกเปิดดูจากไม่กี่ที่ หากคุณเพิ่งซื้อสินค้านี้ ฉลากอาจถูกคัดลอก กรุณาติดต่อเรา`
      : `สแกนแล้ว ${scanCount} ครั้ง จาก ${whereTh}${sinceTh} — ปกติสำหรับสินค้าหนึ่งชิ้น`,
    message_en: suspicious
      ? `Scanned ${scanCount} times from ${whereEn}${sinceEn}. A genuine label is usually opened from only a few places: if you have just bought this item, its label may have been copied. Please contact us.`
      : `Scanned ${scanCount} times from ${whereEn}${sinceEn} — normal for one item.`,
  };
}

/**
 * The network a client address stands for, as the text that is hashed for scan records: an IPv4 address as
 * it is, an IPv6 address as its /64 prefix (one home or one phone's connection: the rest of the address
 * changes by itself, and whoever has a /64 can pick any address in it), an IPv4-mapped IPv6 address as
 * IPv4. Anything else (e.g. "unknown") is returned trimmed and lower-cased.
 */
export function scanNetwork(ip: string): string {
  let text = ip.trim().toLowerCase();
  if (text.startsWith("[") && text.includes("]")) text = text.slice(1, text.indexOf("]"));
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (isIPv4(text)) return text;
  const groups = ipv6Groups(text);
  if (!groups) return text;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

function isIPv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** The eight 16-bit groups of an IPv6 address (with "::" and a trailing dotted IPv4), or null. */
function ipv6Groups(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(":")) return null;
  const lastColon = text.lastIndexOf(":");
  const v4 = text.slice(lastColon + 1);
  if (v4.includes(".")) {
    // "::ffff:1.2.3.4": the dotted tail is the last two groups.
    if (!isIPv4(v4)) return null;
    const b = v4.split(".").map(Number);
    text = `${text.slice(0, lastColon + 1)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  const given = left.length + right.length;
  if ([...left, ...right].some(Number.isNaN)) return null;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  return [...left, ...Array<number>(8 - given).fill(0), ...right];
}
