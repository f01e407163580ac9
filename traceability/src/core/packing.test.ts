import { describe, expect, it } from "vitest";
import { buildDigitalLink } from "./digital-link";
import { allLinesCovered, checkPackScan, type PackingLine, type PackScanInput, packingSummary, type ScannedUnit, serialFromScan } from "./packing";

const unit: ScannedUnit = {
  serial: "7K3QW9TZ0M4D8XHV",
  batchId: "batch_1",
  lotNumber: "MO-2611-03",
  variantId: "variant_oil_30",
  batchStatus: "released",
  bestBefore: "2028-11-11",
  liveAllocation: null,
};

const lines: PackingLine[] = [
  { lineItemId: "li_oil", variantId: "variant_oil_30", quantity: 2, allocated: 0, title: "น้ำมันนวด 30 มล." },
  { lineItemId: "li_ball", variantId: "variant_ball", quantity: 1, allocated: 0 },
];

function scan(overrides: Partial<PackScanInput> = {}, unitOverrides: Partial<ScannedUnit> = {}) {
  return checkPackScan({ orderId: "order_1", unit: { ...unit, ...unitOverrides }, lines, today: "2026-12-01", ...overrides });
}

describe("checkPackScan", () => {
  it("accepts a good unit and names the line it covers", () => {
    expect(scan()).toEqual({
      ok: true,
      lineItemId: "li_oil",
      serial: unit.serial,
      batchId: "batch_1",
      remainingOnLine: 1,
      message_th: "ถูกต้อง เหลืออีก 1 ชิ้น",
      message_en: "OK, 1 more to go.",
    });
    const last = scan({ lines: [{ ...(lines[0] as PackingLine), allocated: 1 }] });
    expect(last).toMatchObject({ ok: true, remainingOnLine: 0, message_en: "OK, this line is complete." });
  });

  it("accepts a unit on its best-before day and refuses it the day after", () => {
    expect(scan({ today: "2028-11-11" }).ok).toBe(true);
    expect(scan({ today: "2028-11-12" })).toMatchObject({ ok: false, code: "BATCH_EXPIRED" });
    expect(scan({ today: "2099-01-01" }, { bestBefore: null }).ok).toBe(true);
  });

  it("refuses each problem with its own code and Thai and English messages", () => {
    const cases: [PackScanInput | ReturnType<typeof scan>, string][] = [
      [checkPackScan({ orderId: "order_1", unit: null, scanned: "ABC", lines, today: "2026-12-01" }), "UNKNOWN_SERIAL"],
      [scan({}, { variantId: "variant_other" }), "UNIT_WRONG_VARIANT"],
      [scan({}, { batchStatus: "draft" }), "BATCH_NOT_RELEASED"],
      [scan({}, { batchStatus: "on_hold" }), "BATCH_ON_HOLD"],
      [scan({}, { batchStatus: "recalled" }), "BATCH_RECALLED"],
      [scan({ today: "2029-01-01" }), "BATCH_EXPIRED"],
      [scan({}, { liveAllocation: { orderId: "order_1", lineItemId: "li_oil" } }), "UNIT_ALREADY_PACKED"],
      [scan({}, { liveAllocation: { orderId: "order_2", orderDisplay: "1042", lineItemId: "li_x" } }), "UNIT_ALREADY_PACKED"],
      [scan({ lines: [{ ...(lines[0] as PackingLine), allocated: 2 }] }), "LINE_COMPLETE"],
    ];
    for (const [verdict, code] of cases) {
      expect(verdict, code).toMatchObject({ ok: false, code });
      const v = verdict as { message_th: string; message_en: string };
      expect(v.message_th.length, code).toBeGreaterThan(5);
      expect(v.message_th, code).toMatch(/[\u0E00-\u0E7F]/);
      expect(v.message_en.length, code).toBeGreaterThan(5);
    }
  });

  it("tells a double scan in this order apart from a unit packed for another order", () => {
    const here = scan({}, { liveAllocation: { orderId: "order_1", lineItemId: "li_oil" } });
    const there = scan({}, { liveAllocation: { orderId: "order_2", orderDisplay: "1042", lineItemId: "li_x" } });
    expect(here).toMatchObject({ packedIn: "this_order" });
    expect(there).toMatchObject({ packedIn: "other_order" });
    if (here.ok || there.ok) throw new Error("expected refusals");
    expect(here.message_th).not.toBe(there.message_th);
    expect(here.message_en).toMatch(/this order/);
    expect(there.message_en).toMatch(/another order #1042/);
  });

  it("puts safety before conflicts: a recalled unit packed elsewhere is told as recalled", () => {
    expect(scan({}, { batchStatus: "recalled", liveAllocation: { orderId: "order_2", lineItemId: "li_x" } })).toMatchObject({ code: "BATCH_RECALLED" });
    // …and a wrong product before its batch status
    expect(scan({}, { batchStatus: "recalled", variantId: "variant_other" })).toMatchObject({ code: "UNIT_WRONG_VARIANT" });
  });

  it("fills the first line of the variant that still needs units", () => {
    const two: PackingLine[] = [
      { lineItemId: "li_a", variantId: "variant_oil_30", quantity: 1, allocated: 1 },
      { lineItemId: "li_b", variantId: "variant_oil_30", quantity: 3, allocated: 1 },
    ];
    expect(scan({ lines: two })).toMatchObject({ ok: true, lineItemId: "li_b", remainingOnLine: 1 });
  });

  it("refuses malformed input loudly", () => {
    expect(() => scan({ today: "01/12/2026" })).toThrow(RangeError);
    expect(() => scan({ lines: [lines[0] as PackingLine, lines[0] as PackingLine] })).toThrow(/twice/);
    expect(() => scan({ lines: [{ ...(lines[0] as PackingLine), allocated: -1 }] })).toThrow(RangeError);
  });
});

describe("serialFromScan", () => {
  it("reads a unit's Digital Link from the camera or a scanner", () => {
    const link = buildDigitalLink("https://shop.maemok.example", { gtin: "08850000000010", lot: "MO-2611-03", serial: unit.serial });
    expect(serialFromScan(link)).toEqual({ serial: unit.serial, gtin: "08850000000010", lot: "MO-2611-03" });
    expect(serialFromScan(`  ${link}\n`)).toEqual({ serial: unit.serial, gtin: "08850000000010", lot: "MO-2611-03" });
  });

  it("reads a typed serial, forgiving case, groups and look-alikes", () => {
    expect(serialFromScan("7k3q-w9tz-om4d-8xhv")).toEqual({ serial: unit.serial, gtin: null, lot: null });
  });

  it("returns null for a lot link without a serial, or garbage", () => {
    expect(serialFromScan("https://shop.maemok.example/01/08850000000010/10/MO-2611-03")).toBeNull();
    expect(serialFromScan("https://example.com/not/a/link")).toBeNull();
    expect(serialFromScan("hello")).toBeNull();
  });
});

describe("packing summary", () => {
  it("counts scanned and FIFO units per line and says when every line is covered", () => {
    const s = packingSummary(lines, [
      { lineItemId: "li_oil", how: "scanned" },
      { lineItemId: "li_oil", how: "fifo" },
    ]);
    expect(s.lines).toEqual([
      { lineItemId: "li_oil", variantId: "variant_oil_30", quantity: 2, packed: 2, scanned: 1, allocatedFifo: 1, remaining: 0, excess: 0, complete: true },
      { lineItemId: "li_ball", variantId: "variant_ball", quantity: 1, packed: 0, scanned: 0, allocatedFifo: 0, remaining: 1, excess: 0, complete: false },
    ]);
    expect(s).toMatchObject({ unitsOrdered: 3, unitsPacked: 2, complete: false });
    const done = packingSummary(lines, [
      { lineItemId: "li_oil", how: "scanned" },
      { lineItemId: "li_oil", how: "scanned" },
      { lineItemId: "li_ball", how: "scanned" },
    ]);
    expect(done.complete).toBe(true);
  });

  it("shows an over-allocated line as not complete, with its excess", () => {
    const s = packingSummary([lines[1] as PackingLine], [
      { lineItemId: "li_ball", how: "scanned" },
      { lineItemId: "li_ball", how: "fifo" },
    ]);
    expect(s.lines[0]).toMatchObject({ excess: 1, remaining: 0, complete: false });
    expect(s.complete).toBe(false);
    expect(() => packingSummary(lines, [{ lineItemId: "li_zzz", how: "fifo" }])).toThrow(/not in this order/);
  });

  it("allLinesCovered needs exactly the quantity on every line", () => {
    expect(allLinesCovered(lines)).toBe(false);
    expect(allLinesCovered(lines.map((l) => ({ ...l, allocated: l.quantity })))).toBe(true);
    expect(allLinesCovered(lines.map((l) => ({ ...l, allocated: l.quantity + 1 })))).toBe(false);
  });
});
