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
 *
 * Unit serials are deliberately NOT listed: publishing every valid serial would hand a
 * counterfeiter a list of codes to print.
 *
 * Identifiers for things that have no GS1 key (harvest lots, plots) are HTTPS URIs on the shop's
 * origin, e.g. https://<origin>/harvest-lot/<id>: they name things; they need not resolve.
 * Dates that are calendar days (harvest, production) are stamped at 00:00 Bangkok time.
 */

import { BANGKOK_UTC_OFFSET, bangkokDateTime, bangkokStartOfDay, type Instant, instantToEpochMs } from "./calendar-date";
import { buildDigitalLink, normaliseOrigin } from "./digital-link";
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

export type EpcisEvent = EpcisObjectEvent | EpcisTransformationEvent;

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

/** The EPCISDocument for one batch's public projection. */
export function buildEpcisDocument(projection: PublicProvenance, options: EpcisOptions): EpcisDocument {
  const creationDate = new Date(instantToEpochMs(options.creationDate ?? new Date())).toISOString();
  return {
    "@context": EPCIS_CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate,
    epcisBody: { eventList: epcisEvents(projection, options.origin) },
  };
}
