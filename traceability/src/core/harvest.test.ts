import { describe, expect, it } from "vitest";
import type { Certification } from "./certification";
import { checkHarvest, type HarvestCheckInput } from "./harvest";

const gap: Certification = {
  id: "cert-gap",
  plotId: "plot-17",
  scheme: "TH-GAP",
  certificateNumber: "GAP-52-017",
  certifyingBody: "Department of Agriculture",
  validFrom: "2026-01-01",
  validUntil: "2026-06-30",
  status: "active",
};
const pgs: Certification = {
  ...gap,
  id: "cert-pgs",
  scheme: "PGS",
  certificateNumber: "PGS-LP-044",
  certifyingBody: "Lampang PGS group",
  validFrom: "2026-03-01",
  validUntil: "2027-02-28",
};

function input(overrides: Partial<HarvestCheckInput> = {}): HarvestCheckInput {
  return {
    plot: { id: "plot-17", code: "MM-P-017", speciesIds: ["sp-cryptolepis", "sp-cleome"] },
    species: { id: "sp-cryptolepis", thaiName: "เถาเอ็นอ่อน", scientificName: "Cryptolepis dubia" },
    harvestedOn: "2026-06-30",
    kg: 12.5,
    certifications: [gap, pgs],
    today: "2026-07-01",
    ...overrides,
  };
}

function refusal(result: ReturnType<typeof checkHarvest>) {
  if (result.ok) throw new Error("expected a refusal");
  return result;
}

describe("checkHarvest", () => {
  it("accepts and snapshots every certification valid on the day", () => {
    const result = checkHarvest(input());
    expect(result).toEqual({
      ok: true,
      grams: 12500,
      kg: 12.5,
      certifications: [
        {
          id: "cert-gap",
          plotId: "plot-17",
          scheme: "TH-GAP",
          certificateNumber: "GAP-52-017",
          certifyingBody: "Department of Agriculture",
          validFrom: "2026-01-01",
          validUntil: "2026-06-30",
        },
        expect.objectContaining({ id: "cert-pgs", scheme: "PGS" }),
      ],
    });
  });

  it("keeps only what is still valid the day after GAP ends", () => {
    const result = checkHarvest(input({ harvestedOn: "2026-07-01", today: "2026-07-01" }));
    expect(result.ok && result.certifications.map((c) => c.id)).toEqual(["cert-pgs"]);
  });

  it("accepts a harvest dated today", () => {
    expect(checkHarvest(input({ harvestedOn: "2026-06-30", today: "2026-06-30" })).ok).toBe(true);
  });

  it("refuses when no certification was valid, in Thai and English", () => {
    const r = refusal(checkHarvest(input({ certifications: [gap], harvestedOn: "2025-12-31" })));
    expect(r.code).toBe("NO_VALID_CERTIFICATION");
    expect(r.message_en).toBe("Plot MM-P-017 has no certification valid on 2025-12-31, so this harvest cannot be recorded.");
    expect(r.message_th).toContain("MM-P-017");
    expect(r.message_th).toContain("31 ธ.ค. 2568");
  });

  it("refuses when the only certification is suspended, or belongs to another plot", () => {
    expect(refusal(checkHarvest(input({ certifications: [{ ...gap, status: "suspended" }], harvestedOn: "2026-02-01" }))).code).toBe(
      "NO_VALID_CERTIFICATION",
    );
    expect(refusal(checkHarvest(input({ certifications: [{ ...gap, plotId: "plot-99" }], harvestedOn: "2026-02-01" }))).code).toBe(
      "NO_VALID_CERTIFICATION",
    );
    expect(refusal(checkHarvest(input({ certifications: [] }))).code).toBe("NO_VALID_CERTIFICATION");
  });

  it("refuses a species the plot does not grow", () => {
    const r = refusal(
      checkHarvest(input({ species: { id: "sp-cissus", thaiName: "เพชรสังฆาต", scientificName: "Cissus quadrangularis" } })),
    );
    expect(r.code).toBe("SPECIES_NOT_GROWN");
    expect(r.message_en).toBe("Plot MM-P-017 is not registered as growing Cissus quadrangularis.");
    expect(r.message_th).toBe("แปลง MM-P-017 ไม่ได้ลงทะเบียนว่าปลูกเพชรสังฆาต");
  });

  it("refuses a future date", () => {
    const r = refusal(checkHarvest(input({ harvestedOn: "2026-07-02", today: "2026-07-01" })));
    expect(r.code).toBe("FUTURE_DATE");
    expect(r.message_en).toContain("2026-07-02");
    expect(r.message_th).toContain("2 ก.ค. 2569");
  });

  it("refuses a malformed date", () => {
    expect(refusal(checkHarvest(input({ harvestedOn: "30/06/2026" }))).code).toBe("INVALID_DATE");
    expect(refusal(checkHarvest(input({ harvestedOn: "2026-02-29" }))).code).toBe("INVALID_DATE");
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.0005, "5" as unknown as number])("refuses kg = %s", (kg) => {
    const r = refusal(checkHarvest(input({ kg })));
    expect(r.code).toBe("INVALID_KG");
    expect(r.message_th).toMatch(/ทศนิยมไม่เกิน 3 ตำแหน่ง/);
    expect(r.message_en).toMatch(/at most 3 decimal places/);
  });

  it("accepts the smallest weight, 1 gram, and keeps grams exact", () => {
    const result = checkHarvest(input({ kg: 0.001 }));
    expect(result.ok && result.grams).toBe(1);
    const odd = checkHarvest(input({ kg: 1.001 }));
    expect(odd.ok && odd.grams).toBe(1001);
  });

  it("checks weight before date, and species before certification", () => {
    expect(refusal(checkHarvest(input({ kg: 0, harvestedOn: "2099-01-01" }))).code).toBe("INVALID_KG");
    expect(
      refusal(
        checkHarvest(
          input({ species: { id: "x", thaiName: "x", scientificName: "x" }, certifications: [] }),
        ),
      ).code,
    ).toBe("SPECIES_NOT_GROWN");
  });
});
