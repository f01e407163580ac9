/**
 * GS1 Digital Link URIs for the QR code on each unit:
 *
 *   https://<origin>/01/<GTIN-14>/10/<lot>[/21/<serial>][?query]
 *
 * Values of AI 10 (lot) and AI 21 (serial) come from GS1 "character set 82" (letters, digits and
 * !"%&'()*+,-./:;<=>?_) and are at most 20 characters. In the URI every character outside the URI
 * "unreserved" set (A–Z a–z 0–9 - . _ ~) is percent-encoded, as the GS1 Digital Link standard requires.
 *
 * The parser is strict where a mistake would point at the wrong product (GTIN must be 14 digits with
 * the right check digit; the standard says URIs use the 14-digit form, so GTIN-8/12/13 are refused
 * with a hint rather than silently padded) and tolerant where it costs nothing (raw sub-delimiters
 * that some encoders leave unescaped, lowercase hex in escapes, one trailing slash, a path prefix
 * before /01/ as the standard allows, a query string such as ?linkType=all).
 */

import { gs1CheckDigit, isValidGtin, toGtin14 } from "./gtin";
import { MAX_LOT_NUMBER_LENGTH } from "./lot-number";
import { SERIAL_LENGTH } from "./serial";
import { utf8ByteLength } from "./sha256";

export const AI_GTIN = "01";
export const AI_LOT = "10";
export const AI_SERIAL = "21";
/** GS1 General Specifications: AI 10 and AI 21 are X..20. */
export const MAX_LOT_LENGTH = 20;
export const MAX_SERIAL_LENGTH = 20;

/** Which part of a Digital Link was wrong. "origin" only comes from the builder. */
export type DigitalLinkPart = "origin" | "path" | "gtin" | "lot" | "serial";

/** A Digital Link that cannot be built or parsed; `part` says which piece is at fault. */
export class DigitalLinkError extends Error {
  override readonly name = "DigitalLinkError";
  readonly part: DigitalLinkPart;

  constructor(part: DigitalLinkPart, message: string) {
    super(message);
    this.part = part;
  }
}

export interface DigitalLinkValues {
  /** Any valid GTIN for the builder (padded to 14 digits); always 14 digits from the parser. */
  gtin: string;
  lot: string;
  serial?: string | null;
}

export interface ParsedDigitalLink {
  /** "https://host[:port]" when a full URL was parsed, null for a bare path. */
  origin: string | null;
  /** Path before "/01/", e.g. "/p" for https://host/p/01/…; "" when none. */
  pathPrefix: string;
  gtin: string;
  lot: string;
  serial: string | null;
  /** Decoded query parameters (first value wins), e.g. { linkType: "all" }. */
  query: Readonly<Record<string, string>>;
}

// GS1 AI encodable character set 82.
const CSET82_RE = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]$/;
const UNRESERVED_RE = /^[A-Za-z0-9\-._~]$/;
// RFC 3986 pchar minus "%" (handled separately): what may appear raw in a path segment.
const RAW_PCHAR_RE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, "0");
  return ch.trim() === "" ? `U+${hex}` : `"${ch}" (U+${hex})`;
}

function checkAiValue(part: "lot" | "serial", value: string, max: number): void {
  if (value.length === 0) throw new DigitalLinkError(part, `${part} is empty`);
  if (value.length > max) {
    throw new DigitalLinkError(part, `${part} is ${value.length} characters long; GS1 allows at most ${max}`);
  }
  for (const ch of value) {
    if (!CSET82_RE.test(ch)) {
      throw new DigitalLinkError(part, `${part} contains ${describeChar(ch)}, which GS1 does not allow in AI ${part === "lot" ? AI_LOT : AI_SERIAL}`);
    }
  }
}

/**
 * Percent-encodes a GS1 AI value (character set 82) for a URI path segment: everything but the
 * unreserved characters becomes %XX. Throws a RangeError for characters outside set 82.
 */
export function encodeAiValue(value: string): string {
  let out = "";
  for (const ch of value) {
    if (!CSET82_RE.test(ch)) throw new RangeError(`${describeChar(ch)} is not in the GS1 AI character set 82`);
    out += UNRESERVED_RE.test(ch) ? ch : `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Decodes one path segment as an AI value; every problem is reported against `part`. */
function decodeAiValue(part: "lot" | "serial", segment: string, max: number): string {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === "%") {
      const hex = segment.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new DigitalLinkError(part, `${part} has a broken percent-escape "%${hex}" (expected % and two hex digits)`);
      }
      const byte = parseInt(hex, 16);
      if (byte >= 0x80) {
        // CSET 82 is plain ASCII, so any UTF-8 byte is already wrong; no need to decode it.
        throw new DigitalLinkError(part, `${part} contains a non-ASCII character (%${hex.toUpperCase()}), which GS1 does not allow`);
      }
      out += String.fromCharCode(byte);
      i += 2;
    } else if (RAW_PCHAR_RE.test(ch)) {
      out += ch;
    } else {
      throw new DigitalLinkError(part, `${part} contains ${describeChar(ch)}, which must be percent-encoded in a URI`);
    }
  }
  checkAiValue(part, out, max);
  return out;
}

/** "https://Shop.Example/" → "https://shop.example"; a path prefix is kept, a trailing slash dropped. */
export function normaliseOrigin(origin: string): string {
  const m = /^(https?):\/\/([^/?#@\s]+)(\/[^?#\s]*)?$/i.exec(origin.trim());
  if (!m) {
    throw new DigitalLinkError("origin", `origin must look like https://host[:port][/prefix], got ${JSON.stringify(origin)}`);
  }
  const scheme = (m[1] as string).toLowerCase();
  const host = (m[2] as string).toLowerCase();
  const prefix = (m[3] ?? "").replace(/\/+$/, "");
  return `${scheme}://${host}${prefix}`;
}

function gtinForUri(gtin: string): string {
  if (!isValidGtin(gtin)) {
    if (/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) {
      const expected = gs1CheckDigit(gtin.slice(0, -1));
      throw new DigitalLinkError("gtin", `GTIN ${gtin} has a wrong check digit: the last digit should be ${expected}`);
    }
    throw new DigitalLinkError("gtin", `GTIN must be 8, 12, 13 or 14 digits, got ${JSON.stringify(gtin)}`);
  }
  return toGtin14(gtin);
}

/** The path part: "/01/08850000000017/10/MO-2611-03/21/7K3QW9TZ0M4D8XHV". */
export function buildDigitalLinkPath(values: DigitalLinkValues): string {
  const gtin = gtinForUri(values.gtin);
  checkAiValue("lot", values.lot, MAX_LOT_LENGTH);
  let path = `/${AI_GTIN}/${gtin}/${AI_LOT}/${encodeAiValue(values.lot)}`;
  if (values.serial !== undefined && values.serial !== null) {
    checkAiValue("serial", values.serial, MAX_SERIAL_LENGTH);
    path += `/${AI_SERIAL}/${encodeAiValue(values.serial)}`;
  }
  return path;
}

/** The full URI on `origin`. Without a serial it names the whole lot (used as the EPCIS class). */
export function buildDigitalLink(origin: string, values: DigitalLinkValues): string {
  return normaliseOrigin(origin) + buildDigitalLinkPath(values);
}

function parseQuery(query: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
    const key = safeDecode(rawKey);
    if (key !== "" && !Object.prototype.hasOwnProperty.call(result, key)) result[key] = safeDecode(rawValue);
  }
  return result;
}

function safeDecode(text: string): string {
  const spaced = text.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // a broken escape in an ignored parameter must not make the whole link fail
  }
}

function checkGtinSegment(segment: string): string {
  if (/^\d{14}$/.test(segment)) {
    const expected = gs1CheckDigit(segment.slice(0, 13));
    if (Number(segment[13]) !== expected) {
      throw new DigitalLinkError("gtin", `GTIN ${segment} has a wrong check digit: the last digit should be ${expected}, not ${segment[13]}`);
    }
    return segment;
  }
  if (/^(\d{8}|\d{12}|\d{13})$/.test(segment)) {
    throw new DigitalLinkError(
      "gtin",
      `GTIN must be written with 14 digits in a GS1 Digital Link (pad with leading zeros: ${segment.padStart(14, "0")}), got ${segment.length} digits`,
    );
  }
  throw new DigitalLinkError("gtin", `GTIN must be 14 digits, got ${JSON.stringify(segment)}`);
}

/** Explains why the path does not end in /01/{gtin}/10/{lot}[/21/{serial}]. */
function structureError(segments: string[]): DigitalLinkError {
  const at = segments.indexOf(AI_GTIN);
  if (at < 0) return new DigitalLinkError("path", "path has no /01/{GTIN}: this is not a GS1 Digital Link for a product");
  const rest = segments.slice(at);
  if (rest.length === 1) return new DigitalLinkError("gtin", "GTIN is missing after /01/");
  if (rest.length === 2) return new DigitalLinkError("lot", "lot is missing: expected /10/{lot} after the GTIN");
  if (rest[2] === AI_SERIAL) return new DigitalLinkError("lot", "lot is missing: /10/{lot} must come before /21/{serial}");
  if (rest[2] !== AI_LOT) {
    return new DigitalLinkError("path", `unsupported key "/${rest[2]}/" after the GTIN: only /10/{lot} and /21/{serial} are used here`);
  }
  if (rest.length === 3) return new DigitalLinkError("lot", "lot value is missing after /10/");
  if (rest[4] !== AI_SERIAL) {
    return new DigitalLinkError("path", `unexpected "/${rest[4]}" after the lot: only /21/{serial} may follow`);
  }
  if (rest.length === 5) return new DigitalLinkError("serial", "serial value is missing after /21/");
  return new DigitalLinkError("path", "unexpected segments after the serial");
}

/**
 * Parses a full URL ("https://shop/01/…") or just a path ("/01/…"). Throws DigitalLinkError with
 * `part` set to "path", "gtin", "lot" or "serial".
 */
export function parseDigitalLink(input: string): ParsedDigitalLink {
  let rest = input.trim();
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  const query = q >= 0 ? parseQuery(rest.slice(q + 1)) : {};
  if (q >= 0) rest = rest.slice(0, q);

  let origin: string | null = null;
  let path: string;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(rest)) {
    const m = /^(https?):\/\/([^/]*)(.*)$/i.exec(rest);
    if (!m) throw new DigitalLinkError("path", "only http and https Digital Links are supported");
    const authority = m[2] as string;
    if (authority === "" || authority.includes("@")) {
      throw new DigitalLinkError("path", `the host part ${JSON.stringify(authority)} is not a plain host name`);
    }
    origin = `${(m[1] as string).toLowerCase()}://${authority.toLowerCase()}`;
    path = m[3] as string;
  } else {
    path = rest;
  }
  if (!path.startsWith("/")) {
    throw new DigitalLinkError("path", "expected a URL (https://…) or a path starting with /01/");
  }
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);

  const segments = path.slice(1).split("/");
  if (segments.some((s) => s === "")) throw new DigitalLinkError("path", "path has an empty segment (//)");

  const n = segments.length;
  let start: number;
  let hasSerial: boolean;
  if (n >= 6 && segments[n - 6] === AI_GTIN && segments[n - 4] === AI_LOT && segments[n - 2] === AI_SERIAL) {
    start = n - 6;
    hasSerial = true;
  } else if (n >= 4 && segments[n - 4] === AI_GTIN && segments[n - 2] === AI_LOT) {
    start = n - 4;
    hasSerial = false;
  } else {
    throw structureError(segments);
  }

  const prefixSegments = segments.slice(0, start);
  for (const s of prefixSegments) {
    if (![...s].every((ch) => ch === "%" || RAW_PCHAR_RE.test(ch))) {
      throw new DigitalLinkError("path", `path prefix segment ${JSON.stringify(s)} is not valid in a URI`);
    }
  }

  const gtin = checkGtinSegment(segments[start + 1] as string);
  const lot = decodeAiValue("lot", segments[start + 3] as string, MAX_LOT_LENGTH);
  const serial = hasSerial ? decodeAiValue("serial", segments[start + 5] as string, MAX_SERIAL_LENGTH) : null;

  return {
    origin,
    pathPrefix: prefixSegments.length > 0 ? `/${prefixSegments.join("/")}` : "",
    gtin,
    lot,
    serial,
    query,
  };
}

// ---------------------------------------------------------------------------------------------
// QR size budget. The label is printed at 15 mm on a 30 ml bottle, so the QR must stay at
// version 5 with error correction M, which holds 84 bytes in byte mode.
// ---------------------------------------------------------------------------------------------

/** Byte-mode capacity of a version 5 QR code at error correction level M (ISO/IEC 18004 table 7). */
export const QR_V5M_BYTE_CAPACITY = 84;

/** True when `uri` fits a version ≤ 5, level M QR code even when encoded entirely in byte mode. */
export function fitsQrVersion5M(uri: string): boolean {
  return utf8ByteLength(uri) <= QR_V5M_BYTE_CAPACITY;
}

/**
 * Longest origin ("https://host", scheme included, no trailing slash) that still fits QR v5-M with
 * the longest lot number (12) and a 16-character serial:
 *   "/01/" 4 + GTIN 14 + "/10/" 4 + lot 12 + "/21/" 4 + serial 16 = 54 bytes of path → 84 − 54 = 30.
 * "https://shop.maemok.example" is 27, so the shop's URIs are at most 81 bytes.
 * (An all-uppercase URI could use the denser alphanumeric mode, but we do not rely on the QR
 * library choosing it.)
 */
export function maxOriginLengthForQrV5M(lotLength = MAX_LOT_NUMBER_LENGTH, serialLength = SERIAL_LENGTH): number {
  const pathLength = 4 + 14 + 4 + lotLength + 4 + serialLength;
  return QR_V5M_BYTE_CAPACITY - pathLength;
}

/** 30: see `maxOriginLengthForQrV5M`. */
export const MAX_ORIGIN_LENGTH_FOR_QR_V5M = maxOriginLengthForQrV5M();
