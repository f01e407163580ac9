import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildEpcisDocument,
  buildEpcisEventsDocument,
  buildSscc,
  canonicalJson,
  EPCIS_CONTEXT,
  type EpcisAggregationEvent,
  epcisAdminPackingEvent,
  epcisAdminShippingEvent,
  type EpcisObjectEvent,
  type EpcisShippingEvent,
  epcisShipmentEvents,
  type EpcisTransformationEvent,
  epcisEventId,
  epcisEvents,
  isValidSscc,
  publicShipment,
  type ShipmentRecord,
  ssccDigitalLink,
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

// ---------------------------------------------------------------------------------------------
// Shipments: SSCC, packing, shipping
// ---------------------------------------------------------------------------------------------

const SSCC = buildSscc({ companyPrefix: "8859999", sequence: 12_345 });

/** A shipment with two units of this batch's lot and one of another lot; the record carries private extras. */
function shipmentRecord(): ShipmentRecord & Record<string, unknown> {
  return {
    sscc: SSCC,
    packedAt: "2026-12-02T03:17:45Z", // 10:17:45 in Bangkok
    shippedAt: "2026-12-02T17:05:00Z", // already 3 December in Bangkok
    units: [
      { gtin: "8850000000010", lot: "MO-2611-03", serial: "7K3QW9TZ0M4D8XHV" },
      { gtin: "8850000000010", lot: "MO-2611-03", serial: "0M4D8XHV7K3QW9TZ" },
      { gtin: "8850000000027", lot: "CB-2611-01", serial: "ZZZZ0000YYYY1111" },
    ],
    // what a fulfilment row might also carry: none of it may leave
    orderId: "order_SECRET_01",
    customerEmail: "buyer-secret@example.com",
    address: "99/9 ถนนลับ ADDRESS-SECRET",
  };
}

describe("SSCC", () => {
  it("builds an SSCC-18 under the company prefix with its check digit", () => {
    expect(SSCC).toBe("088599990000123458");
    expect(buildSscc({ companyPrefix: "8859999", sequence: 1 })).toBe("088599990000000018");
    // GS1's own example: (00) 1 0614141 234567890 8
    expect(buildSscc({ companyPrefix: "0614141", sequence: 234_567_890, extensionDigit: 1 })).toBe("106141412345678908");
    expect(isValidSscc("106141412345678908")).toBe(true);
    expect(isValidSscc("106141412345678907")).toBe(false);
    expect(isValidSscc("10614141234567890")).toBe(false);
  });

  it("refuses a sequence that does not fit or a malformed prefix", () => {
    expect(() => buildSscc({ companyPrefix: "8859999", sequence: 1_000_000_000 })).toThrow(/sequence/);
    expect(() => buildSscc({ companyPrefix: "8859999", sequence: -1 })).toThrow(RangeError);
    expect(() => buildSscc({ companyPrefix: "885", sequence: 1 })).toThrow(/prefix/);
    expect(() => buildSscc({ companyPrefix: "8859999", sequence: 1, extensionDigit: 10 })).toThrow(/extension/);
    expect(buildSscc({ companyPrefix: "885999912345", sequence: 9999 })).toHaveLength(18);
  });

  it("is written as a GS1 Digital Link", () => {
    expect(ssccDigitalLink(`${ORIGIN}/`, SSCC)).toBe("https://shop.maemok.example/00/088599990000123458");
    expect(() => ssccDigitalLink(ORIGIN, "123")).toThrow(RangeError);
  });
});

describe("shipment events", () => {
  it("projects a shipment to days and counts per lot, and nothing else", () => {
    expect(publicShipment(shipmentRecord())).toEqual({
      sscc: SSCC,
      packedOn: "2026-12-02",
      shippedOn: "2026-12-03",
      contents: [
        { gtin: "08850000000010", lot: "MO-2611-03", quantity: 2 },
        { gtin: "08850000000027", lot: "CB-2611-01", quantity: 1 },
      ],
    });
  });

  it("makes a packing AggregationEvent by lot class and a shipping ObjectEvent, at day precision", () => {
    const [packing, shipping] = epcisShipmentEvents(publicShipment(shipmentRecord()), ORIGIN) as [EpcisAggregationEvent, EpcisShippingEvent];
    expect(packing).toEqual({
      type: "AggregationEvent",
      eventID: expect.stringMatching(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/),
      eventTime: "2026-12-02T00:00:00+07:00",
      eventTimeZoneOffset: "+07:00",
      parentID: "https://shop.maemok.example/00/088599990000123458",
      childQuantityList: [
        { epcClass: "https://shop.maemok.example/01/08850000000010/10/MO-2611-03", quantity: 2 },
        { epcClass: "https://shop.maemok.example/01/08850000000027/10/CB-2611-01", quantity: 1 },
      ],
      action: "ADD",
      bizStep: "packing",
      disposition: "in_progress",
    });
    expect(shipping).toEqual({
      type: "ObjectEvent",
      eventID: expect.stringMatching(/^ni:\/\/\/sha-256;/),
      eventTime: "2026-12-03T00:00:00+07:00",
      eventTimeZoneOffset: "+07:00",
      epcList: ["https://shop.maemok.example/00/088599990000123458"],
      action: "OBSERVE",
      bizStep: "shipping",
      disposition: "in_transit",
    });
    for (const e of [packing, shipping]) expect(epcisEventId(e)).toBe(e.eventID);
    // not shipped yet: packing only
    expect(epcisShipmentEvents({ ...publicShipment(shipmentRecord()), shippedOn: null }, ORIGIN)).toHaveLength(1);
  });

  it("gives the same public events whatever the time of day (event IDs included)", () => {
    const morning = epcisShipmentEvents(publicShipment({ ...shipmentRecord(), packedAt: "2026-12-01T17:00:00Z" }), ORIGIN);
    const evening = epcisShipmentEvents(publicShipment({ ...shipmentRecord(), packedAt: "2026-12-02T16:59:59Z" }), ORIGIN);
    expect(evening).toEqual(morning);
  });

  it("lists the units only in the admin builder, with the exact time", () => {
    const admin = epcisAdminPackingEvent(shipmentRecord(), ORIGIN);
    expect(admin.eventTime).toBe("2026-12-02T10:17:45+07:00");
    expect(admin.childEPCs).toEqual([
      "https://shop.maemok.example/01/08850000000010/10/MO-2611-03/21/0M4D8XHV7K3QW9TZ",
      "https://shop.maemok.example/01/08850000000010/10/MO-2611-03/21/7K3QW9TZ0M4D8XHV",
      "https://shop.maemok.example/01/08850000000027/10/CB-2611-01/21/ZZZZ0000YYYY1111",
    ]);
    expect(admin.childQuantityList).toBeUndefined();
    expect(epcisAdminShippingEvent(shipmentRecord(), ORIGIN).eventTime).toBe("2026-12-03T00:05:00+07:00");
    expect(() => epcisAdminShippingEvent({ ...shipmentRecord(), shippedAt: null }, ORIGIN)).toThrow(/not been shipped/);
  });

  it("adds this batch's shipments to its document, counting only its own lot, before a recall", () => {
    const other = { ...shipmentRecord(), sscc: buildSscc({ companyPrefix: "8859999", sequence: 12_346 }), units: [{ gtin: "8850000000027", lot: "CB-2611-01", serial: "ZZZZ0000YYYY2222" }] };
    const d = buildEpcisDocument(publicProjection(recalledRecord()), {
      origin: ORIGIN,
      creationDate: CREATED,
      shipments: [publicShipment(shipmentRecord()), publicShipment(other)],
    });
    const events = d.epcisBody.eventList;
    expect(events.map((e) => `${e.type}:${"bizStep" in e ? e.bizStep : ""}${"disposition" in e ? `/${e.disposition}` : ""}`)).toEqual([
      ...Array(6).fill("ObjectEvent:commissioning/active"),
      "TransformationEvent:commissioning/active",
      "AggregationEvent:packing/in_progress",
      "ObjectEvent:shipping/in_transit",
      "ObjectEvent:/recalled",
    ]);
    expect((events[7] as EpcisAggregationEvent).childQuantityList).toEqual([
      { epcClass: "https://shop.maemok.example/01/08850000000010/10/MO-2611-03", quantity: 2 },
    ]);
    // without shipments, the document is what it always was
    expect(buildEpcisDocument(publicProjection(makePrivateBatchRecord()), { origin: ORIGIN, creationDate: CREATED, shipments: [] })).toEqual(doc());
  });

  it("puts no serials, order, customer or address into public shipment events", () => {
    const d = buildEpcisEventsDocument(epcisShipmentEvents(publicShipment(shipmentRecord()), ORIGIN), CREATED);
    const json = JSON.stringify(d);
    expect(json).not.toMatch(/\/21\//);
    for (const secret of ["7K3QW9TZ0M4D8XHV", "0M4D8XHV7K3QW9TZ", "order_SECRET_01", "buyer-secret", "ADDRESS-SECRET", "ถนนลับ", "10:17", "03:17"]) {
      expect(json, `leaked ${secret}`).not.toContain(secret);
    }
    expect(d.creationDate).toBe("2026-12-05T03:00:00.000Z");
  });

  it("refuses shipments it cannot identify", () => {
    expect(() => publicShipment({ ...shipmentRecord(), sscc: "088599990000123457" })).toThrow(/SSCC/);
    expect(() => publicShipment({ ...shipmentRecord(), units: [] })).toThrow(/no units/);
    expect(() => publicShipment({ ...shipmentRecord(), units: [{ gtin: "8850000000011", lot: "X", serial: "Y" }] })).toThrow(/GTIN/);
  });
});
