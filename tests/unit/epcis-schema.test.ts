import { Ajv } from "ajv"
import addFormatsModule from "ajv-formats"
import { beforeAll, describe, expect, it } from "vitest"
import {
  buildEpcisDocument,
  buildEpcisEventsDocument,
  buildSscc,
  type EpcisDocument,
  epcisAdminPackingEvent,
  epcisAdminShippingEvent,
  epcisShipmentEvents,
  publicProjection,
  publicShipment,
  type ShipmentRecord,
} from "@mae-mok/traceability"
import { makePrivateBatchRecord } from "../../traceability/src/core/fixtures/private-batch"
import { gs1EpcisSchema } from "../support/gs1-epcis-schema"

// Every EPCIS document we can produce is valid against GS1's EPCIS 2.0 JSON schema (issue 12:
// "still valid against GS1's EPCIS 2.0 JSON schema"), and the validator is shown to refuse broken ones.

const ORIGIN = "https://shop.maemok.example"
const CREATED = "2026-12-05T03:00:00Z"
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

let validate: (doc: unknown) => boolean
let errors: () => string

beforeAll(() => {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  const fn = ajv.compile(gs1EpcisSchema())
  validate = (doc) => fn(doc) as boolean
  errors = () => ajv.errorsText(fn.errors, { separator: "\n" })
}, 180_000)

const shipment: ShipmentRecord = {
  sscc: buildSscc({ companyPrefix: "8859999", sequence: 42 }),
  packedAt: "2026-12-02T03:17:45Z",
  shippedAt: "2026-12-03T01:00:00Z",
  units: [
    { gtin: "8850000000010", lot: "MO-2611-03", serial: "7K3QW9TZ0M4D8XHV" },
    { gtin: "8850000000010", lot: "MO-2611-03", serial: "0M4D8XHV7K3QW9TZ" },
  ],
}

function recalled() {
  const record = makePrivateBatchRecord()
  record.batch.status = "recalled"
  record.batch.recallReason = "mould"
  record.batch.recalledAt = "2026-12-10T01:30:00Z"
  return record
}

function documents(): [string, EpcisDocument][] {
  return [
    ["released batch", buildEpcisDocument(publicProjection(makePrivateBatchRecord()), { origin: ORIGIN, creationDate: CREATED })],
    [
      "recalled batch with a shipment",
      buildEpcisDocument(publicProjection(recalled()), { origin: ORIGIN, creationDate: CREATED, shipments: [publicShipment(shipment)] }),
    ],
    ["public shipment events", buildEpcisEventsDocument(epcisShipmentEvents(publicShipment(shipment), ORIGIN), CREATED)],
    ["admin packing and shipping", buildEpcisEventsDocument([epcisAdminPackingEvent(shipment, ORIGIN), epcisAdminShippingEvent(shipment, ORIGIN)], CREATED)],
  ]
}

describe("EPCIS documents against GS1's EPCIS 2.0 JSON schema", () => {
  it.each(documents())("%s is valid", (_name, doc) => {
    const ok = validate(doc)
    expect(ok, ok ? "" : errors()).toBe(true)
  })

  it("covers every event type we emit", () => {
    const kinds = new Set(documents().flatMap(([, d]) => d.epcisBody.eventList.map((e) => `${e.type}/${"bizStep" in e ? e.bizStep : "-"}`)))
    expect([...kinds].sort()).toEqual([
      "AggregationEvent/packing",
      "ObjectEvent/-",
      "ObjectEvent/commissioning",
      "ObjectEvent/shipping",
      "TransformationEvent/commissioning",
    ])
  })

  it("refuses documents that break the schema (so the passes above mean something)", () => {
    const base = documents()[1]![1]
    const broken: ((d: any) => void)[] = [
      (d) => (d.epcisBody.eventList[0].action = "MAYBE"),
      (d) => (d.epcisBody.eventList[6].bizStep = "not a business step"),
      (d) => delete d.epcisBody.eventList[7].eventTimeZoneOffset,
      (d) => (d.epcisBody.eventList[7].action = "OBSERVE_ALL"),
      (d) => (d.epcisBody.eventList[8].disposition = "lost in the post"),
      (d) => (d.epcisBody.eventList[7].childQuantityList[0].quantity = "two"),
      (d) => delete d.schemaVersion,
    ]
    for (const breakIt of broken) {
      const d = structuredClone(base)
      breakIt(d)
      expect(validate(d), breakIt.toString()).toBe(false)
    }
  })
})
