/**
 * Two privacy checks on what a household shows in public (docs/decisions/0020-household-photos-and-alias.md):
 * an alias that carries the household's given name keeps showing it after the name's consent is withdrawn,
 * and a phone photo carries its place (EXIF GPS) and camera details in its metadata.
 */

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff.,\-_'"`’“”()[\]/\\]+/g;
// Kinship words and titles often written before a Thai given name ("ป้าแก้ว"): the name is what follows.
const TITLES = ["นางสาว", "นาย", "นาง", "คุณ", "ป้า", "ลุง", "ยาย", "ตา", "ย่า", "ปู่", "พี่", "น้า", "อา", "แม่", "พ่อ"];

function normalize(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(INVISIBLE, "");
}

/**
 * Does the public alias contain the given name (ignoring spaces, punctuation, invisible characters and case)?
 * A title written with the name ("ป้าแก้ว") is looked for without it too. Names shorter than two characters
 * are not looked for: they would match almost anything.
 */
export function aliasContainsGivenName(alias: string, givenName: string | null | undefined): boolean {
  if (!givenName) return false;
  const a = normalize(alias);
  const name = normalize(givenName);
  const candidates = [name, ...TITLES.filter((t) => name.startsWith(t)).map((t) => name.slice(t.length))];
  return candidates.some((n) => [...n].length >= 2 && a.includes(n));
}

/**
 * Does any of a household's public aliases (Thai, English) contain any of its given names (Thai, romanised)?
 * "Kaew's garden" publishes "Kaew" as surely as "สวนป้าแก้ว" publishes แก้ว.
 */
export function aliasesContainGivenName(
  aliases: readonly (string | null | undefined)[],
  givenNames: readonly (string | null | undefined)[],
): boolean {
  return aliases.some((alias) => !!alias && givenNames.some((name) => aliasContainsGivenName(alias, name)));
}

export type PhotoType = "image/jpeg" | "image/png";

/** The photo's type from its first bytes (JPEG or PNG), whatever it was called; null for anything else. */
export function photoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return "image/png";
  return null;
}

export class PhotoError extends Error {}

/**
 * The photo without its metadata: JPEG keeps only what decodes the picture (JFIF, Adobe colour and ICC
 * profile segments, tables, frames, scans) and drops EXIF (GPS position, camera, time), XMP, IPTC and
 * comments; PNG drops its text, EXIF and time chunks. Throws PhotoError when the file is not a well-formed
 * JPEG or PNG.
 */
export function stripPhotoMetadata(bytes: Uint8Array): { type: PhotoType; bytes: Uint8Array } {
  const type = photoType(bytes);
  if (type === "image/jpeg") return { type, bytes: stripJpeg(bytes) };
  if (type === "image/png") return { type, bytes: stripPng(bytes) };
  throw new PhotoError("not a JPEG or PNG image");
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const startsWith = (bytes: Uint8Array, at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  for (;;) {
    if (at + 1 >= bytes.length || bytes[at] !== 0xff) throw new PhotoError("broken JPEG: expected a marker");
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9) throw new PhotoError("broken JPEG: it ends before any image data");
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 3 >= bytes.length) throw new PhotoError("broken JPEG: truncated segment");
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new PhotoError("broken JPEG: segment longer than the file");
    if (marker === 0xda) {
      // Start of scan: the compressed picture follows to the end of the file.
      parts.push(bytes.subarray(at));
      return concat(parts);
    }
    const app = marker >= 0xe0 && marker <= 0xef;
    const keep =
      !app && marker !== 0xfe
        ? true
        : (marker === 0xe0 && (startsWith(bytes, at + 4, "JFIF\0") || startsWith(bytes, at + 4, "JFXX\0"))) ||
          (marker === 0xe2 && startsWith(bytes, at + 4, "ICC_PROFILE\0")) ||
          (marker === 0xee && startsWith(bytes, at + 4, "Adobe"));
    if (keep) parts.push(bytes.subarray(at, end));
    at = end;
  }
}

const PNG_DROP = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]);

function stripPng(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw new PhotoError("broken PNG: truncated chunk");
    const length = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
    const end = at + 12 + length;
    if (end > bytes.length) throw new PhotoError("broken PNG: chunk longer than the file");
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!PNG_DROP.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === "IEND") return concat(parts);
  }
  throw new PhotoError("broken PNG: no IEND chunk");
}
