/**
 * Label serials (GS1 AI 21): one random serial per bottle or compress ball.
 *
 * 80 random bits written as 16 Crockford base32 characters. 80 bits means guessing a valid serial is
 * hopeless even with millions of labels printed (≈ 2^-60 per guess at a million labels), so a
 * counterfeiter cannot mint serials that pass; they can only copy real ones, which scan counts catch.
 * Crockford's alphabet has no I, L, O or U, so what people read off a label and type back survives,
 * and it is all uppercase letters and digits: no percent-encoding in the URI, and QR-friendly.
 * No check character: Crockford's optional check symbols (*~$=U) are not URL-safe, and a mistyped
 * serial already fails safely as "unknown serial".
 */

export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const SERIAL_BITS = 80;
/** 80 bits / 5 bits per character. */
export const SERIAL_LENGTH = 16;

const SERIAL_RE = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** Source of cryptographically strong random bytes; injectable for tests. */
export type RandomBytes = (length: number) => Uint8Array;

interface WebCryptoLike {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** Random bytes from WebCrypto (global in Node ≥ 19 and in every browser). */
export function secureRandomBytes(length: number): Uint8Array {
  const webCrypto = (globalThis as { crypto?: WebCryptoLike }).crypto;
  if (!webCrypto || typeof webCrypto.getRandomValues !== "function") {
    throw new Error("No WebCrypto getRandomValues available: refusing to make serials from a weak source");
  }
  return webCrypto.getRandomValues(new Uint8Array(length));
}

/** Crockford base32 of `bytes`, most significant bit first; a final partial group is zero-padded. */
export function encodeCrockfordBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff; // keep at most 12 pending bits
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** A new random serial, e.g. "7K3QW9TZ0M4D8XHV". */
export function generateSerial(randomBytes: RandomBytes = secureRandomBytes): string {
  const bytes = randomBytes(SERIAL_BITS / 8);
  if (!(bytes instanceof Uint8Array) || bytes.length !== SERIAL_BITS / 8) {
    throw new Error(`random source must return ${SERIAL_BITS / 8} bytes`);
  }
  return encodeCrockfordBase32(bytes);
}

/**
 * Normalises what a person typed: full-width forms folded (Thai phone keyboards produce them),
 * spaces and hyphens removed, uppercased, and the look-alikes I/L → 1 and O → 0 as Crockford
 * prescribes. The result is not necessarily valid; check with `isValidSerial`.
 */
export function normaliseSerial(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\-\u2010-\u2015\u2212]+/g, "") // spaces, ASCII and Unicode dashes
    .toUpperCase()
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
}

/** True for exactly 16 characters of the Crockford alphabet (canonical form, uppercase). */
export function isValidSerial(serial: string): boolean {
  return SERIAL_RE.test(serial);
}

/** Normalise then validate human input: the canonical serial, or null. */
export function parseSerialInput(input: string): string | null {
  const serial = normaliseSerial(input);
  return isValidSerial(serial) ? serial : null;
}

/** Grouped for printing under the QR code: "7K3Q-W9TZ-0M4D-8XHV" (the normaliser strips the hyphens). */
export function formatSerialForPrint(serial: string): string {
  if (!isValidSerial(serial)) throw new RangeError(`not a valid serial: ${JSON.stringify(serial)}`);
  return serial.match(/.{4}/g)!.join("-");
}
