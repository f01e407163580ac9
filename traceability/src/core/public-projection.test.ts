import { describe, expect, it } from "vitest";
import { makePrivateBatchRecord, PRIVATE_KEYS, PRIVATE_VALUES } from "./fixtures/private-batch";
import { type PrivateBatchRecord, type PublicProvenance, publicProjection } from "./public-projection";

function collectKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collectKeys(v, keys));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      collectKeys(v, keys);
    }
  }
  return keys;
}

function household(out: PublicProvenance, alias: string) {
  const h = out.households.find((x) => x.alias === alias);
  if (!h) throw new Error(`no household ${alias}`);
  return h;
}

describe("publicProjection: privacy", () => {
  const out = publicProjection(makePrivateBatchRecord());
  const json = JSON.stringify(out);

  it("lets no private value through", () => {
    for (const secret of PRIVATE_VALUES) {
      expect(json, `leaked ${secret}`).not.toContain(secret);
    }
    // The fixture really does carry them, so the check above is not vacuous.
    const source = JSON.stringify(makePrivateBatchRecord());
    for (const secret of PRIVATE_VALUES) expect(source).toContain(secret);
  });

  it("has none of the private keys anywhere in the output", () => {
    const keys = collectKeys(out);
    for (const key of PRIVATE_KEYS) expect(keys.has(key), `key ${key}`).toBe(false);
  });

  it("is plain JSON: it survives a round trip unchanged", () => {
    expect(JSON.parse(json)).toEqual(out);
  });

  it("shows consented fields and only those", () => {
    const a = household(out, "บ้านสวนป้าแก้ว"); // consented to name and story, not photo
    expect(a.givenName).toBe("ประไพ");
    expect(a.story).toBe("ปลูกเถาเอ็นอ่อนริมห้วยมาสิบปี");
    expect(a.photoUrl).toBeNull();
    expect(json).toContain("ประไพ");

    const b = household(out, "สวนลุงมา"); // consented to photo only
    expect(b).toMatchObject({ givenName: null, story: null, photoUrl: "https://cdn.maemok.example/photos/household-b-consented.jpg" });

    const c = household(out, "ไร่ผักเสี้ยนบ้านแม่มอก"); // no consent
    expect(c).toMatchObject({ givenName: null, story: null, photoUrl: null });

    const d = household(out, "สวนสมุนไพรดอยหลวง"); // consent recorded as truthy strings: not consent
    expect(d).toMatchObject({ givenName: null, story: null, photoUrl: null });
  });

  it("carries the English versions under the same consents as the Thai ones (decision 0068)", () => {
    const a = household(out, "บ้านสวนป้าแก้ว");
    expect(a).toMatchObject({ aliasEn: "Aunt Kaew's Garden", givenNameEn: "Prapai", storyEn: "Has grown Cryptolepis by the creek for ten years." });
    expect(a.place.villageEn).toBe("Mae Mok Village");
    expect(out.plots.find((p) => p.householdAlias === "บ้านสวนป้าแก้ว")?.householdAliasEn).toBe("Aunt Kaew's Garden");
    expect(household(out, "สวนลุงมา")).toMatchObject({ aliasEn: null, givenNameEn: null, storyEn: null });
    expect(household(out, "ไร่ผักเสี้ยนบ้านแม่มอก")).toMatchObject({ givenNameEn: null, storyEn: null });
    expect(json).not.toContain("GIVEN-NAME-EN-");
    expect(json).not.toContain("STORY-EN-");
    expect(out.herbs.find((h) => h.scientificName === "Cryptolepis dubia")).toMatchObject({ englishName: "Cryptolepis vine", partUsedEn: "stem" });
    expect(out.herbs.find((h) => h.scientificName === "Cleome viscosa")).toMatchObject({ englishName: null, partUsedEn: null });

    const record = makePrivateBatchRecord();
    (record.households[0] as { consent: { givenName: boolean; story: boolean } }).consent = { givenName: false, story: false } as never;
    const withdrawn = JSON.stringify(publicProjection(record));
    expect(withdrawn).not.toContain("Prapai");
    expect(withdrawn).not.toContain("Has grown Cryptolepis");
  });

  it("withdrawing consent removes the field", () => {
    const record = makePrivateBatchRecord();
    (record.households[0] as { consent: { givenName: boolean } }).consent.givenName = false;
    const after = JSON.stringify(publicProjection(record));
    expect(after).not.toContain("ประไพ");
    expect(after).toContain("ปลูกเถาเอ็นอ่อนริมห้วยมาสิบปี"); // story consent unchanged
  });

  it("never copies a non-string into a consented text field", () => {
    const record = makePrivateBatchRecord();
    const a = record.households[0] as unknown as Record<string, unknown>;
    a.story = { text: "nested", nationalId: "NESTED-SECRET" };
    a.photoUrl = "javascript:alert(1)";
    (a.consent as Record<string, boolean>).photo = true;
    const result = publicProjection(record);
    expect(JSON.stringify(result)).not.toContain("NESTED-SECRET");
    expect(household(result, "บ้านสวนป้าแก้ว")).toMatchObject({ story: null, photoUrl: null });
  });

  it("passes a consented photo stored as a path on the backend, and nothing that could point elsewhere", () => {
    const photo = (url: unknown) => {
      const record = makePrivateBatchRecord();
      const a = record.households[0] as unknown as Record<string, unknown>;
      a.photoUrl = url;
      (a.consent as Record<string, boolean>).photo = true;
      return household(publicProjection(record), "บ้านสวนป้าแก้ว").photoUrl;
    };
    expect(photo("/static/households/ban-suan-pa-kaew.svg")).toBe("/static/households/ban-suan-pa-kaew.svg");
    for (const bad of ["//evil.example/x.jpg", "/\\evil.example/x.jpg", "/", "/a b.jpg", "static/x.jpg"]) expect(photo(bad), bad).toBeNull();
  });

  it("shows places at village level only", () => {
    expect(out.plots[0]?.place).toEqual({ village: "บ้านแม่มอก", villageEn: null, moo: "3", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" });
    expect(household(out, "สวนลุงมา").place).toEqual({
      village: "บ้านทุ่งนาหลวง",
      villageEn: null,
      moo: "7",
      tambon: "แม่มอก",
      amphoe: "เถิน",
      province: "ลำปาง",
    });
    expect(json).not.toMatch(/\d+\.\d{5,}/); // nothing that looks like a coordinate
  });
});

describe("publicProjection: content", () => {
  const out = publicProjection(makePrivateBatchRecord());

  it("shows product and batch", () => {
    expect(out.product).toEqual({
      title: { th: "น้ำมันนวดสมุนไพรหมอกไพร", en: "Mok Prai herbal massage oil" },
      variantTitle: "30 ml",
      gtin: "08850000000010",
    });
    expect(out.batch).toEqual({ lot: "MO-2611-03", producedOn: "2026-11-12", bestBefore: "2028-11-11", releasedOn: "2026-11-13", status: "released", units: 240 });
    expect(out.recall).toBeNull();
  });

  it("lists herbs with Thai and scientific names and shares adding to 100", () => {
    expect(out.herbs).toEqual([
      { thaiName: "เถาเอ็นอ่อน", englishName: "Cryptolepis vine", scientificName: "Cryptolepis dubia", partUsed: "stem", partUsedEn: "stem", kg: 7, percent: 58 },
      { thaiName: "เพชรสังฆาต", englishName: null, scientificName: "Cissus quadrangularis", partUsed: "stem", partUsedEn: null, kg: 2.5, percent: 21 },
      { thaiName: "ผักเสี้ยนผี", englishName: null, scientificName: "Cleome viscosa", partUsed: "whole plant", partUsedEn: null, kg: 2.5, percent: 21 },
    ]);
  });

  it("states household and plot shares and counts", () => {
    expect(out.households.map((h) => [h.alias, h.kg, h.percent])).toEqual([
      ["บ้านสวนป้าแก้ว", 7.5, 63],
      ["สวนลุงมา", 2, 17],
      ["ไร่ผักเสี้ยนบ้านแม่มอก", 1.5, 12],
      ["สวนสมุนไพรดอยหลวง", 1, 8],
    ]);
    expect(out.plots.map((p) => [p.code, p.householdAlias, p.kg, p.percent])).toEqual([
      ["MM-P-0171", "บ้านสวนป้าแก้ว", 4.5, 38],
      ["MM-P-0172", "บ้านสวนป้าแก้ว", 3, 25],
      ["MM-P-0231", "สวนลุงมา", 2, 17],
      ["MM-P-0311", "ไร่ผักเสี้ยนบ้านแม่มอก", 1.5, 12],
      ["MM-P-0441", "สวนสมุนไพรดอยหลวง", 1, 8],
    ]);
    expect(out.totals).toEqual({
      households: 4,
      plots: 5,
      harvestLots: 6,
      kg: 12,
      certifiedPercent: { "TH-GAP": 83, PGS: 50, ORGANIC: 0 },
    });
  });

  it("shows each plot's certifications valid at harvest, deduplicated, never another plot's", () => {
    expect(out.plots[0]?.certifications).toEqual([
      {
        scheme: "PGS",
        certificateNumber: "PGS-LP-0044",
        certifyingBody: "กลุ่ม PGS ลำปาง",
        validFrom: "2026-03-01",
        validUntil: "2027-02-28",
      },
      {
        scheme: "TH-GAP",
        certificateNumber: "GAP 03-9001-52-0117",
        certifyingBody: "กรมวิชาการเกษตร (Department of Agriculture)",
        validFrom: "2026-01-15",
        validUntil: "2029-01-14",
      },
    ]);
    expect(out.plots[0]?.herbs).toEqual(["Cleome viscosa", "Cryptolepis dubia"]);
    expect(out.plots[1]?.certifications.map((c) => c.certificateNumber)).toEqual(["GAP 03-9001-52-0118"]);
  });

  it("lists harvests by date with the facts EPCIS needs", () => {
    expect(out.harvests.map((h) => h.ref)).toEqual([
      "hl-2610-001",
      "hl-2610-002",
      "hl-2610-003",
      "hl-2611-004",
      "hl-2611-005",
      "hl-2611-006",
    ]);
    expect(out.harvests[2]).toEqual({
      ref: "hl-2610-003",
      plotCode: "MM-P-0231",
      scientificName: "Cleome viscosa",
      harvestedOn: "2026-10-25",
      kgHarvested: 6.5,
      kgUsed: 2,
      certifications: [expect.objectContaining({ scheme: "PGS", certificateNumber: "PGS-LP-0051" })],
    });
  });

  it("gives the scan verdict", () => {
    expect(out.scan).toEqual({
      kind: "repeat_scan",
      scanCount: 3,
      networkCount: 2,
      firstScanOn: "2026-11-20",
      suspicious: false,
      message_th: "สแกนแล้ว 3 ครั้ง จาก 2 เครื่อง/เครือข่ายที่ต่างกัน ตั้งแต่วันที่ 20 พ.ย. 2569 — ปกติสำหรับสินค้าหนึ่งชิ้น",
      message_en: "Scanned 3 times from 2 different devices or networks since 20 Nov 2026 — normal for one item.",
    });
    const record = makePrivateBatchRecord();
    record.scan = { state: null };
    expect(publicProjection(record).scan?.kind).toBe("unknown_serial");
    record.scan = null;
    expect(publicProjection(record).scan).toBeNull();
    record.scan = { state: { scanCount: 1, networkCount: 1, firstScanAt: null, lot: "MO-2611-02" } };
    expect(publicProjection(record).scan?.kind).toBe("lot_mismatch");
    record.scan = { state: { scanCount: 60, networkCount: 1, firstScanAt: "2026-11-20T03:00:00Z", lot: "MO-2611-03" } };
    expect(publicProjection(record, { suspiciousNetworkCount: 5 }).scan?.suspicious).toBe(false);
    record.scan = { state: { scanCount: 6, networkCount: 6, firstScanAt: "2026-11-20T03:00:00Z", lot: "MO-2611-03" } };
    expect(publicProjection(record, { suspiciousNetworkCount: 5 }).scan?.suspicious).toBe(true);
  });
});

describe("publicProjection: recall and edge cases", () => {
  function recalled(): PrivateBatchRecord {
    const record = makePrivateBatchRecord();
    record.batch.status = "recalled";
    record.batch.recallReason = "พบเชื้อราในน้ำมันบางขวด / mould found in some bottles";
    record.batch.recalledAt = "2026-12-01T08:30:00+07:00";
    return record;
  }

  it("shows a recall notice for a recalled batch", () => {
    const out = publicProjection(recalled());
    expect(out.batch.status).toBe("recalled");
    expect(out.recall).toEqual({
      recalledAt: "2026-12-01T01:30:00.000Z",
      reason: "พบเชื้อราในน้ำมันบางขวด / mould found in some bottles",
    });
  });

  it("shows no recall notice when the batch is not recalled, even with stale recall fields", () => {
    const record = recalled();
    record.batch.status = "on_hold";
    expect(publicProjection(record).recall).toBeNull();
  });

  it("drops an invalid GTIN instead of printing a wrong one", () => {
    const record = makePrivateBatchRecord();
    record.product.gtin = "8850000000011";
    expect(publicProjection(record).product.gtin).toBeNull();
    record.product.gtin = null;
    expect(publicProjection(record).product.gtin).toBeNull();
  });

  it("refuses records that do not hang together rather than publish half a story", () => {
    const orphan = makePrivateBatchRecord();
    (orphan.inputs[0] as { harvestLot: { plotId: string } }).harvestLot.plotId = "plot_missing";
    expect(() => publicProjection(orphan)).toThrow(/unknown plot/);

    const noAlias = makePrivateBatchRecord();
    (noAlias.households[1] as { alias: string }).alias = "  ";
    expect(() => publicProjection(noAlias)).toThrow(/household alias/);

    const badDate = makePrivateBatchRecord();
    badDate.batch.producedOn = "12/11/2026";
    expect(() => publicProjection(badDate)).toThrow(/production date/);
  });

  it("handles a batch with no inputs yet", () => {
    const record = makePrivateBatchRecord();
    record.inputs = [];
    const out = publicProjection(record);
    expect(out.households).toEqual([]);
    expect(out.totals).toMatchObject({ households: 0, plots: 0, kg: 0, certifiedPercent: { "TH-GAP": 0, PGS: 0, ORGANIC: 0 } });
  });

  it("returns new objects: mutating the output cannot touch the records", () => {
    const record = makePrivateBatchRecord();
    const out = publicProjection(record);
    (out.plots[0]?.certifications[0] as { certificateNumber: string }).certificateNumber = "CHANGED";
    expect(JSON.stringify(record)).not.toContain("CHANGED");
    expect(out.harvests[0]?.certifications[0]?.certificateNumber).not.toBe("CHANGED");
  });
});

describe("publicProjection: grower share line (issue 13)", () => {
  it("states the aggregate baht per unit and the household count from three households up", () => {
    const record = makePrivateBatchRecord();
    const out = publicProjection({ ...record, share: { priceSatang: 15900, basisPoints: 2500 } });
    const count = out.totals.households;
    expect(count).toBeGreaterThanOrEqual(3);
    // 159.00 incl. VAT → 148.60 net → 25 % = 37.15 → "฿37" (rounded down in the sentence)
    expect(out.growerShare).toEqual({
      kind: "amount",
      shareSatangPerUnit: 3715,
      basisPoints: 2500,
      households: count,
      message_th: `฿37 ของราคานี้ถึงมือครัวเรือนผู้ปลูก ${count} ครัวเรือน`,
      message_en: `฿37 of this price goes back to the ${count} grower households`,
    });
  });

  it("states only the rule with fewer than three households, and nothing without a rule", () => {
    const record = makePrivateBatchRecord();
    const two = { ...record, inputs: record.inputs.filter((i) => i.harvestLot.householdId === record.inputs[0]!.harvestLot.householdId) };
    const out = publicProjection({ ...two, share: { priceSatang: 15900, basisPoints: 2500 } });
    expect(out.totals.households).toBeLessThan(3);
    expect(out.growerShare).toMatchObject({ kind: "rule_only", basisPoints: 2500 });
    expect(JSON.stringify(out.growerShare)).not.toMatch(/฿/);
    expect(publicProjection({ ...record, share: { priceSatang: 15900, basisPoints: null } }).growerShare).toEqual({ kind: "none" });
    expect(publicProjection(record).growerShare).toEqual({ kind: "none" });
  });
});
