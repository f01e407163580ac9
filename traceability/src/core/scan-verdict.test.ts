import { describe, expect, it } from "vitest";
import { DEFAULT_SUSPICIOUS_NETWORKS, scanNetwork, scanVerdict } from "./scan-verdict";

const since = "2026-11-03T02:00:00Z";

describe("scanVerdict", () => {
  it("says plainly when a serial is unknown", () => {
    const v = scanVerdict(null);
    expect(v).toMatchObject({ kind: "unknown_serial", suspicious: true, scanCount: 0, networkCount: 0, firstScanOn: null });
    expect(v.message_en).toMatch(/not in the Mae Mok community enterprise's records/);
    expect(v.message_th).toMatch(/ไม่พบรหัสนี้/);
  });

  it("recognises a first scan", () => {
    const v = scanVerdict({ scanCount: 1, networkCount: 1, firstScanAt: null, lot: "MO-2611-03" }, { scannedLot: "MO-2611-03" });
    expect(v).toMatchObject({ kind: "first_scan", suspicious: false, scanCount: 1, networkCount: 1 });
  });

  it("says what the counts mean: views since the Bangkok date of the first one, from how many places, and that it is normal", () => {
    // 18:00Z on 3 Nov is 01:00 on 4 Nov in Bangkok.
    const v = scanVerdict({ scanCount: 3, networkCount: 1, firstScanAt: "2026-11-03T18:00:00Z", lot: "MO-2611-03" });
    expect(v).toMatchObject({ kind: "repeat_scan", scanCount: 3, networkCount: 1, firstScanOn: "2026-11-04", suspicious: false });
    expect(v.message_en).toBe("Scanned 3 times from 1 device or network since 4 Nov 2026 — normal for one item.");
    expect(v.message_th).toBe("สแกนแล้ว 3 ครั้ง จาก 1 เครื่อง/เครือข่าย ตั้งแต่วันที่ 4 พ.ย. 2569 — ปกติสำหรับสินค้าหนึ่งชิ้น");
    const two = scanVerdict({ scanCount: 4, networkCount: 2, firstScanAt: since, lot: "L" });
    expect(two.message_en).toMatch(/^Scanned 4 times from 2 different devices or networks since 3 Nov 2026 — normal/);
    expect(two.message_th).toMatch(/^สแกนแล้ว 4 ครั้ง จาก 2 เครื่อง\/เครือข่ายที่ต่างกัน .*ปกติ/);
  });

  it("never flags many views from one network: refreshes and the language switch are not copies", () => {
    for (const scanCount of [2, 10, 11, 20, 500]) {
      const v = scanVerdict({ scanCount, networkCount: 1, firstScanAt: since, lot: "L" });
      expect(v.suspicious, String(scanCount)).toBe(false);
      expect(v.message_th).not.toMatch(/คัดลอก/);
      expect(v.message_en).not.toMatch(/copied/);
    }
  });

  it("flags a serial opened from more networks than the threshold, not at it, and says why", () => {
    const at = scanVerdict({ scanCount: 30, networkCount: DEFAULT_SUSPICIOUS_NETWORKS, firstScanAt: since, lot: "L" });
    const above = scanVerdict({ scanCount: 30, networkCount: DEFAULT_SUSPICIOUS_NETWORKS + 1, firstScanAt: since, lot: "L" });
    expect(at.suspicious).toBe(false);
    expect(above.suspicious).toBe(true);
    expect(above.message_en).toBe(
      `Scanned 30 times from ${DEFAULT_SUSPICIOUS_NETWORKS + 1} different devices or networks since 3 Nov 2026. A genuine label is usually opened from only a few places: if you have just bought this item, its label may have been copied. Please contact us.`
    );
    expect(above.message_th).toMatch(new RegExp(`^สแกนแล้ว 30 ครั้ง จาก ${DEFAULT_SUSPICIOUS_NETWORKS + 1} เครื่อง/เครือข่ายที่ต่างกัน .*ฉลากอาจถูกคัดลอก`));
    expect(scanVerdict({ scanCount: 3, networkCount: 3, firstScanAt: since, lot: "L" }, { suspiciousAfterNetworks: 2 }).suspicious).toBe(true);
    expect(() => scanVerdict(null, { suspiciousAfterNetworks: 0 })).toThrow();
  });

  it("flags a serial scanned under another lot", () => {
    const v = scanVerdict({ scanCount: 1, networkCount: 1, firstScanAt: null, lot: "MO-2611-03" }, { scannedLot: "MO-2611-04" });
    expect(v).toMatchObject({ kind: "lot_mismatch", suspicious: true });
  });

  it("copes with inconsistent counters instead of printing nonsense", () => {
    expect(scanVerdict({ scanCount: 0, networkCount: 0, firstScanAt: null, lot: "L" }).kind).toBe("first_scan");
    // A repeat count without a first-scan date must not be presented as a first scan.
    const noDate = scanVerdict({ scanCount: 5, networkCount: 1, firstScanAt: null, lot: "L" });
    expect(noDate).toMatchObject({ kind: "repeat_scan", firstScanOn: null });
    expect(noDate.message_en).toBe("Scanned 5 times from 1 device or network — normal for one item.");
    expect(noDate.message_th).toBe("สแกนแล้ว 5 ครั้ง จาก 1 เครื่อง/เครือข่าย — ปกติสำหรับสินค้าหนึ่งชิ้น");
    expect(scanVerdict({ scanCount: 5, networkCount: 1, firstScanAt: "yesterday", lot: "L" }).firstScanOn).toBeNull();
    // Never more networks than views, never fewer than one.
    expect(scanVerdict({ scanCount: 3, networkCount: 50, firstScanAt: since, lot: "L" })).toMatchObject({ networkCount: 3, suspicious: false });
    expect(scanVerdict({ scanCount: 3, networkCount: -2, firstScanAt: since, lot: "L" }).networkCount).toBe(1);
  });
});

describe("scanNetwork", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(scanNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(scanNetwork(" 203.0.113.7 ")).toBe("203.0.113.7");
  });

  it("reduces IPv6 to its /64, however it is written", () => {
    const net = "2001:db8:12:34::/64";
    for (const ip of ["2001:db8:12:34:aaaa:bbbb:cccc:dddd", "2001:0DB8:0012:0034::1", "[2001:db8:12:34::2]", "2001:db8:12:34::3%wlan0", "2001:db8:12:34:0:0:0:0"]) {
      expect(scanNetwork(ip), ip).toBe(net);
    }
    expect(scanNetwork("2001:db8:12:35::1")).not.toBe(net);
    expect(scanNetwork("::1")).toBe("0:0:0:0::/64");
  });

  it("takes an IPv4-mapped IPv6 address as the IPv4 address", () => {
    expect(scanNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(scanNetwork("::ffff:cb00:7107")).toBe("203.0.113.7");
  });

  it("returns anything else unchanged (trimmed, lower case)", () => {
    for (const s of ["unknown", "1.2.3", "1.2.3.256", "2001:db8::1::2", "12345::1", "2001:db8:1:2:3:4:5:6:7", ":::"]) {
      expect(scanNetwork(s), s).toBe(s.toLowerCase());
    }
  });
});

describe("scanVerdict with what fulfilment knows (issue 12)", () => {
  const since = "2026-11-20T03:00:00.000Z";
  const base = { scanCount: 2, networkCount: 1, firstScanAt: since, lot: "L" };

  it("says nothing of a sale when the batch is not packed unit by unit", () => {
    for (const sale of [undefined, null]) {
      const v = scanVerdict({ ...base, sale });
      expect(v.soldMonth).toBeUndefined();
      expect(v.notSold).toBeUndefined();
      expect(v.suspicious).toBe(false);
    }
  });

  it("tells the month of the sale, in Thai with the Buddhist year, never more", () => {
    const v = scanVerdict({ ...base, sale: { soldOn: "2026-12-05" } });
    expect(v.soldMonth).toBe("2026-12");
    expect(v.message_th).toMatch(/จำหน่ายเมื่อ ธ\.ค\. 2569$/);
    expect(v.message_en).toMatch(/Sold in December 2026\.$/);
    expect(v.suspicious).toBe(false);
    expect(scanVerdict({ ...base, scanCount: 1, sale: { soldOn: "2027-01-31" } }).message_th).toContain("จำหน่ายเมื่อ ม.ค. 2570");
  });

  it("flags a serial scanned before it was ever sold, first scan or not", () => {
    for (const scanCount of [1, 2]) {
      const v = scanVerdict({ ...base, scanCount, sale: { soldOn: null } });
      expect(v).toMatchObject({ suspicious: true, notSold: true });
      expect(v.message_th).toContain("ยังไม่เคยถูกจำหน่าย");
      expect(v.soldMonth).toBeUndefined();
    }
  });

  it("says a recall first, and keeps the other verdicts as they were", () => {
    const v = scanVerdict({ ...base, sale: { soldOn: "2026-12-05" } }, { recalled: true });
    expect(v.message_th.startsWith("รุ่นการผลิตนี้ถูกเรียกคืนแล้ว")).toBe(true);
    expect(v.message_th).toContain("จำหน่ายเมื่อ ธ.ค. 2569");
    expect(v.message_en.startsWith("This batch has been recalled")).toBe(true);
    // Unknown and mismatched serials are not genuine units: nothing is added.
    expect(scanVerdict(null, { recalled: true }).message_th).not.toContain("เรียกคืน");
    expect(scanVerdict({ ...base, sale: { soldOn: null } }, { scannedLot: "OTHER" })).toMatchObject({ kind: "lot_mismatch" });
    expect(scanVerdict({ ...base, sale: { soldOn: null } }, { scannedLot: "OTHER" }).notSold).toBeUndefined();
  });
});
