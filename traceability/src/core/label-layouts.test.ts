import { describe, expect, it } from "vitest";
import { LABEL_LAYOUTS, labelLayout, layoutFits, paginate, qrSide } from "./label-layouts";

describe("label layouts", () => {
  it("every layout's labels, gaps and margins fit on its paper", () => {
    for (const l of LABEL_LAYOUTS) expect(layoutFits(l), l.id).toBe(true);
  });

  it("a layout that does not fit is caught", () => {
    const a4 = labelLayout("a4-3x8");
    expect(layoutFits({ ...a4, cols: 4 })).toBe(false);
    expect(layoutFits({ ...a4, margin: { top: 2, left: 0 } })).toBe(false);
  });

  it("pages hold one sheet each; a roll prints one label a page", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(paginate(items, labelLayout("a4-3x8")).map((p) => p.length)).toEqual([24, 24, 2]);
    expect(paginate(items, labelLayout("roll-50x30"))).toHaveLength(50);
    expect(paginate([], labelLayout("a4-4x10"))).toEqual([]);
  });

  it("the QR leaves room for the text and stays scannable (at least 18 mm)", () => {
    for (const l of LABEL_LAYOUTS) {
      const side = qrSide(l);
      expect(side, l.id).toBeGreaterThanOrEqual(18);
      expect(side, l.id).toBeLessThanOrEqual(l.label.width / 2);
      expect(side, l.id).toBeLessThan(l.label.height);
    }
  });

  it("the default is A4 3 × 8", () => {
    expect(labelLayout(undefined).id).toBe("a4-3x8");
  });
});
