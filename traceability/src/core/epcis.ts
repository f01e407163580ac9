/**
 * EPCIS 2.0 (JSON-LD) export of one batch, built ONLY from its public projection, so the export
 * can never say more than the provenance page does.
 *
 *   harvest    → ObjectEvent, action ADD, bizStep commissioning (CBV: "harvesting (of fruit/vegetable)"
 *                is a case of commissioning), quantity of the harvest lot in KGM, with the plot as
 *                bizLocation and the certifications valid at harvest in the ILMD.
 *   production → TransformationEvent: harvest lots (kg used) in, the batch lot out (unit count),
 *                identified by its GS1 Digital Link lot URI https://<origin>/01/<gtin>/10/<lot>.
 *   recall     → ObjectEvent, action OBSERVE, disposition "recalled" (CBV has a "recalled"
 *                disposition but no recall business step, so bizStep is left out).
 *   packing    → AggregationEvent, action ADD, bizStep packing: the units of a shipment into the
 *                shipment, whose parentID is its SSCC as a Digital Link https://<origin>/00/<sscc>.
 *                Publicly the children are counted per lot class (childQuantityList); the admin-only
 *                builder lists the units themselves (childEPCs).
 *   shipping   → ObjectEvent, action OBSERVE, bizStep shipping, disposition in_transit, of the SSCC.
 *
 * Public packing and shipping events are stamped with the Bangkok DAY only: an exact time would let
 * anyone who knows when a given person ordered or received a parcel pick out that person's shipment,
 * and so what they bought; a day hides it among the day's shipments and is all a recall needs.
 * They carry no order, customer or address, only the SSCC, the day and counts per lot.
 *
 * Unit serials are deliberately NOT listed: publishing every valid serial would hand a
 * counterfeiter a list of codes to print.
 *
 * Identifiers for things that have no GS1 key (harvest lots, plots) are HTTPS URIs on the shop's
 * origin, e.g. https://<origin>/harvest-lot/<id>: they name things; they need not resolve.
 * Dates that are calendar days (harvest, production) are stamped at 00:00 Bangkok time.
 */

import {
  BANGKOK_UTC_OFFSET,
  bangkokCalendarDate,
  bangkokDateTime,
  bangkokStartOfDay,
  type CalendarDate,
  type Instant,
  instantToEpochMs,
  isCalendarDate,
} from "./calendar-date";
import { buildDigitalLink, normaliseOrigin } from "./digital-link";
import { gs1CheckDigit, isValidGtin, toGtin14 } from "./gtin";
import type { PublicCertification, PublicProvenance } from "./public-projection";
import { sha256Hex } from "./sha256";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

export interface EpcisQuantityElement {
  epcClass: string;
  quantity: number;
  /** UN/CEFACT unit; omitted for a count of items. */
  uom?: "KGM";
}

/** Certification in the GDST / CBV master-data style used inside ILMD. */
export interface EpcisCertification {
  certificationStandard: string;
  certificationAgency: string;
  certificationIdentification: string;
  certificationStartDate: string;
  certificationEndDate: string;
}

export interface EpcisObjectEvent {
  type: "ObjectEvent";
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  action: "ADD" | "OBSERVE";
  bizStep?: "commissioning";
  disposition: "active" | "recalled";
  quantityList: EpcisQuantityElement[];
  bizLocation?: { id: string };
  ilmd?: { "cbvmda:certificationList": { certification: EpcisCertification[] } };
}

export interface EpcisTransformationEvent {
  type: "TransformationEvent";
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  inputQuantityList: EpcisQuantityElement[];
  outputQuantityList: EpcisQuantityElement[];
  bizStep: "commissioning";
  disposition: "active";
  ilmd: { "cbvmda:lotNumber": string; "cbvmda:bestBeforeDate"?: string };
}

/** Packing: units (or counts per lot) aggregated into a shipment. */
export interface EpcisAggregationEvent {
  type: "AggregationEvent";
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  /** The shipment's SSCC as a GS1 Digital Link. */
  parentID: string;
  /** Admin export only: the units' Digital Links. */
  childEPCs?: string[];
  /** Public export: how many units of each lot class. */
  childQuantityList?: EpcisQuantityElement[];
  action: "ADD";
  bizStep: "packing";
  disposition: "in_progress";
}

/** Shipping: the shipment leaves. */
export interface EpcisShippingEvent {
  type: "ObjectEvent";
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  epcList: string[];
  action: "OBSERVE";
  bizStep: "shipping";
  disposition: "in_transit";
}

export type EpcisEvent = EpcisObjectEvent | EpcisTransformationEvent | EpcisAggregationEvent | EpcisShippingEvent;

export interface EpcisDocument {
  "@context": string;
  type: "EPCISDocument";
  schemaVersion: "2.0";
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
}

export interface EpcisOptions {
  /** The shop's origin, e.g. "https://shop.maemok.example". */
  origin: string;
  /** Defaults to now; pass it for reproducible documents. */
  creationDate?: Instant;
  /**
   * Shipments holding units of this batch (see `publicShipment`): their packing and shipping events
   * are added, each counting only this batch's lot.
   */
  shipments?: readonly PublicShipment[];
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 * JSON.stringify writes them (shortest round-trip numbers), undefined members dropped. For the
 * plain data used here this coincides with RFC 8785 (JCS).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalise the number ${value}`);
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`cannot canonicalise a ${typeof value}`);
  }
}

/**
 * Event ID as a hash of the event's content: "ni:///sha-256;<hex>?ver=CBV2.0".
 *
 * This is a SIMPLIFIED form of the CBV 2.0 event-hash algorithm: the URI format is the standard's
 * (lowercase hex SHA-256, as in GS1's examples), but the pre-hash string is the canonical JSON of
 * the event without eventID (and recordTime), not CBV's field-by-field concatenation. IDs are
 * therefore deterministic and change with any field, but a CBV reference implementation will not
 * reproduce them.
 */
export function epcisEventId(event: object): string {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key !== "eventID" && key !== "recordTime") content[key] = value;
  }
  return `ni:///sha-256;${sha256Hex(canonicalJson(content))}?ver=CBV2.0`;
}

function withId<E extends EpcisEvent>(event: Omit<E, "eventID">): E {
  // Key order only for people reading the JSON: type and eventID first.
  return Object.assign({ type: event.type, eventID: epcisEventId(event) }, event) as E;
}

function certificationElement(c: PublicCertification): EpcisCertification {
  return {
    certificationStandard: c.scheme,
    certificationAgency: c.certifyingBody,
    certificationIdentification: c.certificateNumber,
    certificationStartDate: c.validFrom,
    certificationEndDate: c.validUntil,
  };
}

/** Class identifier of a harvest lot. */
export function harvestLotUri(origin: string, ref: string): string {
  return `${normaliseOrigin(origin)}/harvest-lot/${encodeURIComponent(ref)}`;
}

/** Location identifier of a plot (public code only, never coordinates). */
export function plotUri(origin: string, code: string): string {
  return `${normaliseOrigin(origin)}/plot/${encodeURIComponent(code)}`;
}

/** The events of one batch, in time order: harvests, production, recall. */
export function epcisEvents(projection: PublicProvenance, origin: string): EpcisEvent[] {
  const { product, batch } = projection;
  if (product.gtin === null) throw new Error("EPCIS export needs the product's GTIN to identify the batch");
  if (batch.units === null || !Number.isInteger(batch.units) || batch.units <= 0) {
    throw new Error("EPCIS export needs the number of units produced in the batch");
  }
  if (projection.harvests.length === 0) throw new Error("EPCIS export needs at least one harvest lot used by the batch");
  const lotUri = buildDigitalLink(origin, { gtin: product.gtin, lot: batch.lot });

  const events: EpcisEvent[] = [];
  for (const h of projection.harvests) {
    const event: Omit<EpcisObjectEvent, "eventID"> = {
      type: "ObjectEvent",
      eventTime: bangkokStartOfDay(h.harvestedOn),
      eventTimeZoneOffset: BANGKOK_UTC_OFFSET,
      action: "ADD",
      bizStep: "commissioning",
      disposition: "active",
      quantityList: [{ epcClass: harvestLotUri(origin, h.ref), quantity: h.kgHarvested, uom: "KGM" }],
      bizLocation: { id: plotUri(origin, h.plotCode) },
    };
    if (h.certifications.length > 0) {
      event.ilmd = { "cbvmda:certificationList": { certification: h.certifications.map(certificationElement) } };
    }
    events.push(withId<EpcisObjectEvent>(event));
  }

  const ilmd: EpcisTransformationEvent["ilmd"] = { "cbvmda:lotNumber": batch.lot };
  if (batch.bestBefore !== null) ilmd["cbvmda:bestBeforeDate"] = batch.bestBefore;
  events.push(
    withId<EpcisTransformationEvent>({
      type: "TransformationEvent",
      eventTime: bangkokStartOfDay(batch.producedOn),
      eventTimeZoneOffset: BANGKOK_UTC_OFFSET,
      inputQuantityList: projection.harvests.map((h) => ({
        epcClass: harvestLotUri(origin, h.ref),
        quantity: h.kgUsed,
        uom: "KGM" as const,
      })),
      outputQuantityList: [{ epcClass: lotUri, quantity: batch.units }],
      bizStep: "commissioning",
      disposition: "active",
      ilmd,
    }),
  );

  if (projection.recall !== null) {
    if (projection.recall.recalledAt === null) throw new Error("EPCIS export needs the time of the recall");
    events.push(
      withId<EpcisObjectEvent>({
        type: "ObjectEvent",
        eventTime: bangkokDateTime(projection.recall.recalledAt),
        eventTimeZoneOffset: BANGKOK_UTC_OFFSET,
        action: "OBSERVE",
        disposition: "recalled",
        quantityList: [{ epcClass: lotUri, quantity: batch.units }],
      }),
    );
  }
  return events;
}

/** The EPCISDocument for one batch's public projection (and, optionally, its shipments). */
export function buildEpcisDocument(projection: PublicProvenance, options: EpcisOptions): EpcisDocument {
  const events = epcisEvents(projection, options.origin);
  if (options.shipments && options.shipments.length > 0) {
    const gtin = projection.product.gtin as string; // epcisEvents refused a batch without one
    const lot = projection.batch.lot;
    const own: PublicShipment[] = [];
    for (const s of options.shipments) {
      const contents = s.contents.filter((c) => toGtin14(c.gtin) === gtin && c.lot === lot);
      if (contents.length > 0) own.push({ ...s, contents });
    }
    own.sort((a, b) => (a.packedOn < b.packedOn ? -1 : a.packedOn > b.packedOn ? 1 : a.sscc < b.sscc ? -1 : a.sscc > b.sscc ? 1 : 0));
    // Harvests and production first, then shipments, then the recall (if any) last.
    const recall = projection.recall !== null ? events.pop() : undefined;
    for (const s of own) events.push(...epcisShipmentEvents(s, options.origin));
    if (recall) events.push(recall);
  }
  return buildEpcisEventsDocument(events, options.creationDate);
}

/** An EPCISDocument around any list of events. */
export function buildEpcisEventsDocument(events: EpcisEvent[], creationDate?: Instant): EpcisDocument {
  return {
    "@context": EPCIS_CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: new Date(instantToEpochMs(creationDate ?? new Date())).toISOString(),
    epcisBody: { eventList: events },
  };
}

// ---------------------------------------------------------------------------------------------
// Shipments: SSCC, packing and shipping
// ---------------------------------------------------------------------------------------------

/** GS1 Application Identifier of the SSCC in a Digital Link. */
export const AI_SSCC = "00";

/**
 * SSCC-18 of a shipment: extension digit + GS1 company prefix + serial reference (the shipment
 * sequence number, zero-padded to fill 17 digits) + GS1 mod-10 check digit. The company prefix is
 * the one the GTINs use (GS1_COMPANY_PREFIX), so the group's SSCCs are unique worldwide.
 */
export function buildSscc(input: { companyPrefix: string; sequence: number; extensionDigit?: number }): string {
  const prefix = input.companyPrefix;
  if (!/^\d{6,12}$/.test(prefix)) throw new RangeError(`a GS1 company prefix is 6 to 12 digits, got ${JSON.stringify(prefix)}`);
  const ext = input.extensionDigit ?? 0;
  if (!Number.isInteger(ext) || ext < 0 || ext > 9) throw new RangeError(`the SSCC extension digit is 0–9, got ${ext}`);
  const width = 16 - prefix.length;
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 0 || String(input.sequence).length > width) {
    throw new RangeError(`the shipment sequence must be an integer from 0 to ${"9".repeat(width)} under a ${prefix.length}-digit prefix, got ${input.sequence}`);
  }
  const body = `${ext}${prefix}${String(input.sequence).padStart(width, "0")}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** True for 18 digits with the right GS1 check digit. */
export function isValidSscc(sscc: string): boolean {
  return /^\d{18}$/.test(sscc) && gs1CheckDigit(sscc.slice(0, 17)) === Number(sscc[17]);
}

/** The SSCC as a GS1 Digital Link: https://<origin>/00/<sscc>. */
export function ssccDigitalLink(origin: string, sscc: string): string {
  if (!isValidSscc(sscc)) throw new RangeError(`not a valid SSCC-18: ${JSON.stringify(sscc)}`);
  return `${normaliseOrigin(origin)}/${AI_SSCC}/${sscc}`;
}

/** A shipment as the public may see it: its SSCC, Bangkok days and unit counts per lot. */
export interface PublicShipment {
  sscc: string;
  packedOn: CalendarDate;
  shippedOn: CalendarDate | null;
  contents: { gtin: string; lot: string; quantity: number }[];
}

/** The private facts of a shipment (from the fulfilment and its unit allocations). */
export interface ShipmentRecord {
  sscc: string;
  packedAt: Instant;
  shippedAt: Instant | null;
  units: readonly { gtin: string; lot: string; serial: string }[];
}

/**
 * Whitelisted public view of a shipment: days instead of instants, counts per lot instead of
 * serials; nothing else of the record (orders, customers, addresses) is copied.
 */
export function publicShipment(record: ShipmentRecord): PublicShipment {
  if (!isValidSscc(record.sscc)) throw new RangeError(`not a valid SSCC-18: ${JSON.stringify(record.sscc)}`);
  const counts = new Map<string, { gtin: string; lot: string; quantity: number }>();
  for (const u of record.units) {
    const gtin = toGtin14(u.gtin);
    const k = `${gtin}|${u.lot}`;
    const c = counts.get(k) ?? { gtin, lot: String(u.lot), quantity: 0 };
    c.quantity += 1;
    counts.set(k, c);
  }
  if (counts.size === 0) throw new Error(`shipment ${record.sscc} has no units`);
  return {
    sscc: record.sscc,
    packedOn: bangkokCalendarDate(record.packedAt),
    shippedOn: record.shippedAt === null ? null : bangkokCalendarDate(record.shippedAt),
    contents: [...counts.values()].sort((a, b) => (a.gtin < b.gtin ? -1 : a.gtin > b.gtin ? 1 : a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0)),
  };
}

/** Public packing (and, once shipped, shipping) events of a shipment, at day precision. */
export function epcisShipmentEvents(shipment: PublicShipment, origin: string): EpcisEvent[] {
  if (!isCalendarDate(shipment.packedOn)) throw new RangeError("a shipment needs its packing day");
  const parentID = ssccDigitalLink(origin, shipment.sscc);
  const childQuantityList = shipment.contents.map((c) => {
    if (!isValidGtin(c.gtin) || !Number.isInteger(c.quantity) || c.quantity <= 0) throw new RangeError(`shipment ${shipment.sscc} has an invalid content line`);
    return { epcClass: buildDigitalLink(origin, { gtin: c.gtin, lot: c.lot }), quantity: c.quantity };
  });
  const events: EpcisEvent[] = [
    withId<EpcisAggregationEvent>({
      type: "AggregationEvent",
      eventTime: bangkokStartOfDay(shipment.packedOn),
      eventTimeZoneOffset: BANGKOK_UTC_OFFSET,
      parentID,
      childQuantityList,
      action: "ADD",
      bizStep: "packing",
      disposition: "in_progress",
    }),
  ];
  if (shipment.shippedOn !== null) {
    if (!isCalendarDate(shipment.shippedOn)) throw new RangeError("invalid shipping day");
    events.push(shippingEvent(parentID, bangkokStartOfDay(shipment.shippedOn)));
  }
  return events;
}

function shippingEvent(parentID: string, eventTime: string): EpcisShippingEvent {
  return withId<EpcisShippingEvent>({
    type: "ObjectEvent",
    eventTime,
    eventTimeZoneOffset: BANGKOK_UTC_OFFSET,
    epcList: [parentID],
    action: "OBSERVE",
    bizStep: "shipping",
    disposition: "in_transit",
  });
}

/**
 * ADMIN ONLY: the packing event with the units' own Digital Links (childEPCs) and the exact time,
 * for the group's recall work and exchange with partners under contract. Never serve it publicly:
 * a list of valid serials is a counterfeiter's shopping list.
 */
export function epcisAdminPackingEvent(record: ShipmentRecord, origin: string): EpcisAggregationEvent {
  if (record.units.length === 0) throw new Error(`shipment ${record.sscc} has no units`);
  const childEPCs = record.units.map((u) => buildDigitalLink(origin, { gtin: u.gtin, lot: u.lot, serial: u.serial })).sort();
  return withId<EpcisAggregationEvent>({
    type: "AggregationEvent",
    eventTime: bangkokDateTime(record.packedAt),
    eventTimeZoneOffset: BANGKOK_UTC_OFFSET,
    parentID: ssccDigitalLink(origin, record.sscc),
    childEPCs,
    action: "ADD",
    bizStep: "packing",
    disposition: "in_progress",
  });
}

/** ADMIN ONLY: the shipping event at its exact time. */
export function epcisAdminShippingEvent(record: ShipmentRecord, origin: string): EpcisShippingEvent {
  if (record.shippedAt === null) throw new Error(`shipment ${record.sscc} has not been shipped`);
  return shippingEvent(ssccDigitalLink(origin, record.sscc), bangkokDateTime(record.shippedAt));
}
