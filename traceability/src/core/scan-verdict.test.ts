import { describe, expect, it } from "vitest";
import { DEFAULT_SUSPICIOUS_SCAN_COUNT, scanVerdict } from "./scan-verdict";

describe("scanVerdict", () => {
  it("says plainly when a serial is unknown", () => {
    const v = scanVerdict(null);
    expect(v).toMatchObject({ kind: "unknown_serial", suspicious: true, scanCount: 0, firstScanOn: null });
    expect(v.message_en).toMatch(/not in the Mae Mok community enterprise's records/);
    expect(v.message_th).toMatch(/ไม่พบรหัสนี้/);
  });

  it("recognises a first scan", () => {
    const v = scanVerdict({ scanCount: 1, firstScanAt: null, lot: "MO-2611-03" }, { scannedLot: "MO-2611-03" });
    expect(v).toMatchObject({ kind: "first_scan", suspicious: false, scanCount: 1 });
  });

  it("counts repeat scans since the Bangkok date of the first one", () => {
    // 18:00Z on 3 Nov is 01:00 on 4 Nov in Bangkok.
    const v = scanVerdict({ scanCount: 3, firstScanAt: "2026-11-03T18:00:00Z", lot: "MO-2611-03" });
    expect(v).toMatchObject({ kind: "repeat_scan", scanCount: 3, firstScanOn: "2026-11-04", suspicious: false });
    expect(v.message_en).toBe("Scanned 3 times since 2026-11-04.");
    expect(v.message_th).toBe("สแกนแล้ว 3 ครั้ง ตั้งแต่วันที่ 4 พ.ย. 2569");
  });

  it("flags counts above the threshold, not at it", () => {
    const at = scanVerdict({ scanCount: DEFAULT_SUSPICIOUS_SCAN_COUNT, firstScanAt: "2026-11-03T02:00:00Z", lot: "L" });
    const above = scanVerdict({ scanCount: DEFAULT_SUSPICIOUS_SCAN_COUNT + 1, firstScanAt: "2026-11-03T02:00:00Z", lot: "L" });
    expect(at.suspicious).toBe(false);
    expect(above.suspicious).toBe(true);
    expect(above.message_en).toMatch(/may have been copied/);
    expect(scanVerdict({ scanCount: 3, firstScanAt: "2026-11-03T02:00:00Z", lot: "L" }, { suspiciousAfter: 2 }).suspicious).toBe(true);
    expect(() => scanVerdict(null, { suspiciousAfter: 0 })).toThrow();
  });

  it("flags a serial scanned under another lot", () => {
    const v = scanVerdict({ scanCount: 1, firstScanAt: null, lot: "MO-2611-03" }, { scannedLot: "MO-2611-04" });
    expect(v).toMatchObject({ kind: "lot_mismatch", suspicious: true });
  });

  it("copes with inconsistent counters instead of printing nonsense", () => {
    expect(scanVerdict({ scanCount: 0, firstScanAt: null, lot: "L" }).kind).toBe("first_scan");
    // A repeat count without a first-scan date must not be presented as a first scan.
    const noDate = scanVerdict({ scanCount: 5, firstScanAt: null, lot: "L" });
    expect(noDate).toMatchObject({ kind: "repeat_scan", firstScanOn: null });
    expect(noDate.message_en).toBe("Scanned 5 times.");
    expect(noDate.message_th).toBe("สแกนแล้ว 5 ครั้ง");
    expect(scanVerdict({ scanCount: 5, firstScanAt: "yesterday", lot: "L" }).firstScanOn).toBeNull();
  });
});
