import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateFifo, compareFifo, type FreeBatchUnits, isAllocatable, unitBalance } from "./allocation";

function batch(overrides: Partial<FreeBatchUnits> & { batchId: string }): FreeBatchUnits {
  return {
    variantId: "v_oil",
    lotNumber: `MO-${overrides.batchId}`,
    producedOn: "2026-10-01",
    releasedAt: "2026-10-05T09:00:00+07:00",
    status: "released",
    bestBefore: "2028-10-01",
    unitIds: [],
    ...overrides,
  };
}

const TODAY = "2026-12-01";

describe("allocateFifo", () => {
  const older = batch({ batchId: "b_old", producedOn: "2026-09-01", unitIds: ["u_o3", "u_o1", "u_o2"] });
  const newer = batch({ batchId: "b_new", producedOn: "2026-11-01", unitIds: ["u_n1", "u_n2"] });

  it("takes the oldest batch first, units in id order, then moves on", () => {
    const r = allocateFifo([{ lineItemId: "li_1", variantId: "v_oil", quantity: 4 }], [newer, older], TODAY);
    expect(r).toEqual({
      ok: true,
      lines: [
        {
          lineItemId: "li_1",
          units: [
            { unitId: "u_o1", batchId: "b_old", lotNumber: "MO-b_old" },
            { unitId: "u_o2", batchId: "b_old", lotNumber: "MO-b_old" },
            { unitId: "u_o3", batchId: "b_old", lotNumber: "MO-b_old" },
            { unitId: "u_n1", batchId: "b_new", lotNumber: "MO-b_new" },
          ],
        },
      ],
    });
  });

  it("breaks equal production days by release time, then lot number", () => {
    const a = batch({ batchId: "a", lotNumber: "MO-2610-02", releasedAt: "2026-10-05T09:00:00+07:00" });
    const b = batch({ batchId: "b", lotNumber: "MO-2610-01", releasedAt: "2026-10-06T09:00:00+07:00" });
    const c = batch({ batchId: "c", lotNumber: "MO-2610-01", releasedAt: "2026-10-05T09:00:00+07:00" });
    expect([a, b, c].sort(compareFifo).map((x) => x.batchId)).toEqual(["c", "a", "b"]);
    // a batch without a release time sorts after released ones of the same day
    const d = batch({ batchId: "d", releasedAt: null });
    expect([d, a].sort(compareFifo).map((x) => x.batchId)).toEqual(["a", "d"]);
  });

  it("serves lines in order without giving a unit twice, and keeps variants apart", () => {
    const ball = batch({ batchId: "b_ball", variantId: "v_ball", producedOn: "2026-01-01", unitIds: ["u_b1"] });
    const r = allocateFifo(
      [
        { lineItemId: "li_1", variantId: "v_oil", quantity: 2 },
        { lineItemId: "li_2", variantId: "v_ball", quantity: 1 },
        { lineItemId: "li_3", variantId: "v_oil", quantity: 2 },
      ],
      [older, newer, ball],
      TODAY,
    );
    if (!r.ok) throw new Error("expected ok");
    expect(r.lines.map((l) => [l.lineItemId, l.units.map((u) => u.unitId)])).toEqual([
      ["li_1", ["u_o1", "u_o2"]],
      ["li_2", ["u_b1"]],
      ["li_3", ["u_o3", "u_n1"]],
    ]);
  });

  it("never uses held, recalled, draft or expired batches", () => {
    const batches = [
      batch({ batchId: "held", producedOn: "2026-01-01", status: "on_hold", unitIds: ["h1"] }),
      batch({ batchId: "recalled", producedOn: "2026-01-02", status: "recalled", unitIds: ["r1"] }),
      batch({ batchId: "draft", producedOn: "2026-01-03", status: "draft", unitIds: ["d1"] }),
      batch({ batchId: "expired", producedOn: "2026-01-04", bestBefore: "2026-11-30", unitIds: ["e1"] }),
      batch({ batchId: "last-day", producedOn: "2026-01-05", bestBefore: TODAY, unitIds: ["l1"] }),
    ];
    const r = allocateFifo([{ lineItemId: "li", variantId: "v_oil", quantity: 1 }], batches, TODAY);
    expect(r).toEqual({ ok: true, lines: [{ lineItemId: "li", units: [{ unitId: "l1", batchId: "last-day", lotNumber: "MO-last-day" }] }] });
    expect(isAllocatable(batches[3] as FreeBatchUnits, TODAY)).toBe(false);
  });

  it("reports every short line and allocates nothing", () => {
    const r = allocateFifo(
      [
        { lineItemId: "li_1", variantId: "v_oil", quantity: 4 },
        { lineItemId: "li_2", variantId: "v_oil", quantity: 2 },
        { lineItemId: "li_3", variantId: "v_ball", quantity: 1 },
      ],
      [older, newer],
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.shortfalls.map((s) => [s.lineItemId, s.needed, s.available, s.code])).toEqual([
      ["li_2", 2, 1, "INSUFFICIENT_UNITS"],
      ["li_3", 1, 0, "INSUFFICIENT_UNITS"],
    ]);
    expect(r.shortfalls[0]?.message_th).toMatch(/1 ชิ้น แต่ต้องการ 2 ชิ้น/);
    expect(r.shortfalls[0]?.message_en).toMatch(/Only 1 free unit/);
  });

  it("refuses the same unit in two batches, or the same line twice", () => {
    expect(() => allocateFifo([], [batch({ batchId: "x", unitIds: ["u"] }), batch({ batchId: "y", unitIds: ["u"] })], TODAY)).toThrow(/twice/);
    expect(() =>
      allocateFifo(
        [
          { lineItemId: "l", variantId: "v_oil", quantity: 1 },
          { lineItemId: "l", variantId: "v_oil", quantity: 1 },
        ],
        [],
        TODAY,
      ),
    ).toThrow(/twice/);
  });

  it("property: never over-allocates, never repeats a unit, always oldest first, and is deterministic", () => {
    const batches = fc
      .array(
        fc.record({
          producedDay: fc.integer({ min: 1, max: 28 }),
          variant: fc.constantFrom("v_oil", "v_ball"),
          status: fc.constantFrom("released", "released", "released", "on_hold", "recalled"),
          units: fc.integer({ min: 0, max: 8 }),
        }),
        { maxLength: 8 },
      )
      .map((bs) =>
        bs.map((b, i) =>
          batch({
            batchId: `b${i}`,
            lotNumber: `L-${String(i).padStart(2, "0")}`,
            variantId: b.variant,
            producedOn: `2026-02-${String(b.producedDay).padStart(2, "0")}`,
            status: b.status as FreeBatchUnits["status"],
            unitIds: Array.from({ length: b.units }, (_, k) => `b${i}-u${k}`),
          }),
        ),
      );
    const needs = fc
      .array(fc.record({ variantId: fc.constantFrom("v_oil", "v_ball"), quantity: fc.integer({ min: 0, max: 10 }) }), { maxLength: 5 })
      .map((ns) => ns.map((n, i) => ({ ...n, lineItemId: `li_${i}` })));

    fc.assert(
      fc.property(batches, needs, (bs, ns) => {
        const r = allocateFifo(ns, bs, TODAY);
        expect(allocateFifo(ns, [...bs].reverse(), TODAY)).toEqual(r);
        const free = (v: string) => bs.filter((b) => b.variantId === v && b.status === "released").reduce((s, b) => s + b.unitIds.length, 0);
        const wanted = (v: string) => ns.filter((n) => n.variantId === v).reduce((s, n) => s + n.quantity, 0);
        const enough = ["v_oil", "v_ball"].every((v) => wanted(v) <= free(v));
        expect(r.ok).toBe(enough);
        if (!r.ok) return;
        const all = r.lines.flatMap((l) => l.units.map((u) => u.unitId));
        expect(new Set(all).size).toBe(all.length);
        for (const l of r.lines) {
          const need = ns.find((n) => n.lineItemId === l.lineItemId);
          expect(l.units.length).toBe(need?.quantity);
        }
        // Per variant, the units taken are a prefix of the FIFO order: no newer unit while an older one is left.
        for (const v of ["v_oil", "v_ball"]) {
          const order = bs
            .filter((b) => b.variantId === v && b.status === "released")
            .sort(compareFifo)
            .flatMap((b) => [...b.unitIds].sort());
          const taken = r.lines.filter((l) => ns.find((n) => n.lineItemId === l.lineItemId)?.variantId === v).flatMap((l) => l.units.map((u) => u.unitId));
          expect(taken).toEqual(order.slice(0, taken.length));
        }
        // The invariant holds after allocating.
        for (const b of bs) {
          const allocated = all.filter((u) => b.unitIds.includes(u));
          const balance = unitBalance({ batchId: b.batchId, issuedUnitIds: b.unitIds, liveAllocatedUnitIds: allocated, freeUnitIds: b.unitIds.filter((u) => !allocated.includes(u)) });
          expect(balance.ok).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("unitBalance", () => {
  it("holds when every issued unit is exactly allocated or free", () => {
    expect(unitBalance({ batchId: "b", issuedUnitIds: ["a", "b", "c"], liveAllocatedUnitIds: ["b"], freeUnitIds: ["a", "c"] })).toEqual({
      batchId: "b",
      issued: 3,
      allocated: 1,
      free: 2,
      ok: true,
      missing: [],
      doubled: [],
      unknown: [],
    });
  });

  it("catches a unit counted twice even when the counts happen to match", () => {
    const r = unitBalance({ batchId: "b", issuedUnitIds: ["a", "b", "c"], liveAllocatedUnitIds: ["b"], freeUnitIds: ["b", "c"] });
    expect(r).toMatchObject({ ok: false, missing: ["a"], doubled: ["b"], unknown: [] });
  });

  it("catches units nobody issued and units allocated twice", () => {
    expect(unitBalance({ batchId: "b", issuedUnitIds: ["a"], liveAllocatedUnitIds: ["a", "a"], freeUnitIds: [] })).toMatchObject({ ok: false, doubled: ["a"] });
    expect(unitBalance({ batchId: "b", issuedUnitIds: ["a"], liveAllocatedUnitIds: ["a"], freeUnitIds: ["z"] })).toMatchObject({ ok: false, unknown: ["z"] });
  });
});
