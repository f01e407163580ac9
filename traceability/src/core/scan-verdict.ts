/**
 * What a buyer is told after scanning a unit's QR code. Clone detection is statistical: a copied
 * label shows up as one serial scanned far more often than one bottle ever is, or a serial scanned
 * under the wrong lot. The verdict only flags; it never hides the provenance (the bottle may be real).
 */

import { bangkokCalendarDate, formatThaiDate, isInstant } from "./calendar-date";

/** Scans of one serial above this count are flagged (a household bottle is scanned a few times). */
export const DEFAULT_SUSPICIOUS_SCAN_COUNT = 10;

/** What the label-unit record says about a serial; null when the serial is not in our records. */
export interface LabelScanState {
  /** Scans so far INCLUDING the one being answered. */
  scanCount: number;
  /** First scan of this serial (ISO instant), or null if this is the first. */
  firstScanAt: string | null;
  /** Lot the serial was printed for. */
  lot: string;
}

export type ScanVerdictKind = "unknown_serial" | "lot_mismatch" | "first_scan" | "repeat_scan";

export interface ScanVerdict {
  kind: ScanVerdictKind;
  scanCount: number;
  /** Bangkok calendar date of the first scan, or null. */
  firstScanOn: string | null;
  suspicious: boolean;
  message_th: string;
  message_en: string;
}

export interface ScanVerdictOptions {
  /** The lot in the scanned URI; a serial printed for another lot is a sign of a copied label. */
  scannedLot?: string | null;
  suspiciousAfter?: number;
}

/** Builds the verdict for one scan. */
export function scanVerdict(state: LabelScanState | null, options: ScanVerdictOptions = {}): ScanVerdict {
  const threshold = options.suspiciousAfter ?? DEFAULT_SUSPICIOUS_SCAN_COUNT;
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`suspiciousAfter must be ≥ 1, got ${threshold}`);

  if (state === null) {
    return {
      kind: "unknown_serial",
      scanCount: 0,
      firstScanOn: null,
      suspicious: true,
      message_th: "ไม่พบรหัสนี้ในระบบของวิสาหกิจชุมชนแม่มอก สินค้านี้อาจไม่ใช่ของแท้ กรุณาติดต่อเรา",
      message_en: "This code is not in the Mae Mok community enterprise's records. The product may not be genuine; please contact us.",
    };
  }

  const scanCount = Number.isInteger(state.scanCount) && state.scanCount > 0 ? state.scanCount : 1;
  const firstScanOn = state.firstScanAt !== null && isInstant(state.firstScanAt) ? bangkokCalendarDate(state.firstScanAt) : null;

  if (options.scannedLot != null && options.scannedLot !== state.lot) {
    return {
      kind: "lot_mismatch",
      scanCount,
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
      firstScanOn,
      suspicious: false,
      message_th: "สแกนครั้งแรก ขอบคุณที่อุดหนุนผู้ปลูกสมุนไพรแม่มอก",
      message_en: "First scan of this item. Thank you for supporting the Mae Mok herb growers.",
    };
  }

  const suspicious = scanCount > threshold;
  const warnTh = suspicious ? " หากคุณเพิ่งซื้อสินค้านี้ ฉลากอาจถูกคัดลอก" : "";
  const warnEn = suspicious ? " If you have just bought this item, its label may have been copied." : "";
  return {
    kind: "repeat_scan",
    scanCount,
    firstScanOn,
    suspicious,
    // Without a first-scan date (inconsistent record) the count alone is still worth telling.
    message_th: `สแกนแล้ว ${scanCount} ครั้ง${firstScanOn ? ` ตั้งแต่วันที่ ${formatThaiDate(firstScanOn)}` : ""}${warnTh}`,
    message_en: `Scanned ${scanCount} times${firstScanOn ? ` since ${firstScanOn}` : ""}.${warnEn}`,
  };
}
