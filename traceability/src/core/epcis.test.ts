import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildEpcisDocument,
  canonicalJson,
  EPCIS_CONTEXT,
  type EpcisObjectEvent,
  type EpcisTransformationEvent,
  epcisEventId,
  epcisEvents,
} from "./epcis";
import { makePrivateBatchRecord, PRIVATE_VALUES } from "./fixtures/private-batch";
import { type PrivateBatchRecord, publicProjection } from "./public-projection";

const ORIGIN = "https://shop.maemok.example";
const CREATED = "2026-12-05T03:00:00Z";

function doc(record: PrivateBatchRecord = makePrivateBatchRecord()) {
  return buildEpcisDocument(publicProjection(record), { origin: ORIGIN, creationDate: CREATED });
}

function recalledRecord(): PrivateBatchRecord {
  const record = makePrivateBatchRecord();
  record.batch.status = "recalled";
  record.batch.recallReason = "mould";
  record.batch.recalledAt = "2026-12-01T01:30:00Z";
  return record;
}

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("writes numbers and strings like JSON, and refuses what JSON cannot hold", () => {
    expect(canonicalJson([1.5, 0.1 + 0.2, -0, 1e21, "ไทย\n\"q\"", true, null])).toBe(
      '[1.5,0.30000000000000004,0,1e+21,"ไทย\\n\\"q\\"",true,null]',
    );
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ f: () => 1 })).toThrow();
  });
});

describe("epcisEventId", () => {
  const event = { type: "ObjectEvent", eventTime: "2026-10-20T00:00:00+07:00", action: "ADD" };

  it("is the SHA-256 of the canonical event without eventID, as an ni URI", () => {
    const expected = createHash("sha256").update(canonicalJson(event), "utf8").digest("hex");
    expect(epcisEventId(event)).toBe(`ni:///sha-256;${expected}?ver=CBV2.0`);
    expect(epcisEventId(event)).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it("ignores key order, eventID and recordTime, and changes with any content", () => {
    const id = epcisEventId(event);
    expect(epcisEventId({ action: "ADD", eventTime: "2026-10-20T00:00:00+07:00", type: "ObjectEvent" })).toBe(id);
    expect(epcisEventId({ ...event, eventID: "anything", recordTime: "2030-01-01T00:00:00Z" })).toBe(id);
    expect(epcisEventId({ ...event, action: "OBSERVE" })).not.toBe(id);
    expect(epcisEventId({ ...event, eventTime: "2026-10-21T00:00:00+07:00" })).not.toBe(id);
  });
});

describe("buildEpcisDocument", () => {
  it("has the EPCIS 2.0 document header", () => {
    const d = doc();
    expect(d["@context"]).toBe(EPCIS_CONTEXT);
    expect(d["@context"]).toBe("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
    expect(d.type).toBe("EPCISDocument");
    expect(d.schemaVersion).toBe("2.0");
    expect(d.creationDate).toBe("2026-12-05T03:00:00.000Z");
  });

  it("makes one commissioning ObjectEvent per harvest lot", () => {
    const events = doc().epcisBody.eventList;
    const harvests = events.filter((e): e is EpcisObjectEvent => e.type === "ObjectEvent");
    expect(harvests).toHaveLength(6);
    expect(harvests[0]).toEqual({
      type: "ObjectEvent",
      eventID: expect.stringMatching(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/),
      eventTime: "2026-10-20T00:00:00+07:00",
      eventTimeZoneOffset: "+07:00",
      action: "ADD",
      bizStep: "commissioning",
      disposition: "active",
      quantityList: [{ epcClass: "https://shop.maemok.example/harvest-lot/hl-2610-001", quantity: 10, uom: "KGM" }],
      bizLocation: { id: "https://shop.maemok.example/plot/MM-P-0171" },
      ilmd: {
        "cbvmda:certificationList": {
          certification: [
            {
              certificationStandard: "PGS",
              certificationAgency: "กลุ่ม PGS ลำปาง",
              certificationIdentification: "PGS-LP-0044",
              certificationStartDate: "2026-03-01",
              certificationEndDate: "2027-02-28",
            },
            expect.objectContaining({ certificationStandard: "TH-GAP", certificationIdentification: "GAP 03-9001-52-0117" }),
          ],
        },
      },
    });
  });

  it("makes a TransformationEvent from the harvest lots to the batch lot", () => {
    const events = doc().epcisBody.eventList;
    expect(events).toHaveLength(7); // 6 harvests + production, no recall
    const t = events[6] as EpcisTransformationEvent;
    expect(t.type).toBe("TransformationEvent");
    expect(t.eventTime).toBe("2026-11-12T00:00:00+07:00");
    expect(t.eventTimeZoneOffset).toBe("+07:00");
    expect(t.inputQuantityList).toEqual([
      { epcClass: "https://shop.maemok.example/harvest-lot/hl-2610-001", quantity: 4, uom: "KGM" },
      { epcClass: "https://shop.maemok.example/harvest-lot/hl-2610-002", quantity: 3, uom: "KGM" },
      { epcClass: "https://shop.maemok.example/harvest-lot/hl-2610-003", quantity: 2, uom: "KGM" },
      { epcClass: "https://shop.maemok.example/harvest-lot/hl-2611-004", quantity: 1.5, uom: "KGM" },
      { epcClass: "https://shop.maemok.example/harvest-lot/hl-2611-005", quantity: 0.5, uom: "KGM" },
      { epcClass: "https://shop.maemok.example/harvest-lot/hl-2611-006", quantity: 1, uom: "KGM" },
    ]);
    expect(t.outputQuantityList).toEqual([
      { epcClass: "https://shop.maemok.example/01/08850000000010/10/MO-2611-03", quantity: 240 },
    ]);
    expect(t.ilmd).toEqual({ "cbvmda:lotNumber": "MO-2611-03", "cbvmda:bestBeforeDate": "2028-11-11" });
    expect(t.bizStep).toBe("commissioning");
  });

  it("adds a recall event for a recalled batch", () => {
    const events = doc(recalledRecord()).epcisBody.eventList;
    expect(events).toHaveLength(8);
    expect(events[7]).toEqual({
      type: "ObjectEvent",
      eventID: expect.stringMatching(/^ni:\/\/\/sha-256;/),
      eventTime: "2026-12-01T08:30:00+07:00",
      eventTimeZoneOffset: "+07:00",
      action: "OBSERVE",
      disposition: "recalled",
      quantityList: [{ epcClass: "https://shop.maemok.example/01/08850000000010/10/MO-2611-03", quantity: 240 }],
    });
  });

  it("gives deterministic, distinct event IDs that match their content", () => {
    const a = doc().epcisBody.eventList;
    const b = buildEpcisDocument(publicProjection(makePrivateBatchRecord()), {
      origin: `${ORIGIN}/`,
      creationDate: "2027-01-01T00:00:00Z", // document date does not affect event IDs
    }).epcisBody.eventList;
    expect(b.map((e) => e.eventID)).toEqual(a.map((e) => e.eventID));
    expect(new Set(a.map((e) => e.eventID)).size).toBe(a.length);
    for (const e of a) expect(epcisEventId(e)).toBe(e.eventID);
  });

  it("changes exactly the affected event IDs when a fact changes", () => {
    const before = doc().epcisBody.eventList.map((e) => e.eventID);
    const record = makePrivateBatchRecord();
    (record.inputs[2] as { harvestLot: { kgHarvested: number } }).harvestLot.kgHarvested = 6.501;
    const after = doc(record).epcisBody.eventList.map((e) => e.eventID);
    // Only the harvest event of hl-2610-003 changes; the transformation uses kg USED, unchanged.
    expect(after.filter((id, i) => id !== before[i])).toHaveLength(1);
    expect(after[2]).not.toBe(before[2]);

    const used = makePrivateBatchRecord();
    (used.inputs[0] as { kgUsed: number }).kgUsed = 4.001;
    const afterUsed = doc(used).epcisBody.eventList.map((e) => e.eventID);
    expect(afterUsed[6]).not.toBe(before[6]);
    expect(afterUsed.slice(0, 6)).toEqual(before.slice(0, 6));
  });

  it("contains no private data", () => {
    const json = JSON.stringify(doc(recalledRecord()));
    for (const secret of PRIVATE_VALUES) expect(json, `leaked ${secret}`).not.toContain(secret);
    // Consent-gated fields have no place in EPCIS at all, consented or not.
    for (const field of ["ประไพ", "household-b-consented", "ปลูกเถาเอ็นอ่อนริมห้วยมาสิบปี", "บ้านสวนป้าแก้ว"]) {
      expect(json).not.toContain(field);
    }
  });

  it("lists no unit serials", () => {
    const json = JSON.stringify(doc());
    expect(json).not.toMatch(/\/21\//);
  });

  it("refuses to export what it cannot identify", () => {
    const noGtin = makePrivateBatchRecord();
    noGtin.product.gtin = null;
    expect(() => doc(noGtin)).toThrow(/GTIN/);
    const noUnits = makePrivateBatchRecord();
    noUnits.batch.units = null;
    expect(() => doc(noUnits)).toThrow(/units/);
    const noInputs = makePrivateBatchRecord();
    noInputs.inputs = [];
    expect(() => doc(noInputs)).toThrow(/harvest lot/);
    const noRecallTime = recalledRecord();
    noRecallTime.batch.recalledAt = null;
    expect(() => doc(noRecallTime)).toThrow(/time of the recall/);
  });

  it("exposes the events directly too", () => {
    expect(epcisEvents(publicProjection(makePrivateBatchRecord()), ORIGIN)).toHaveLength(7);
  });
});
