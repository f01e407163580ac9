import { describe, expect, it } from "vitest";
import { aliasContainsGivenName, aliasesContainGivenName, PhotoError, photoType, stripPhotoMetadata } from "./household-privacy";

describe("aliasContainsGivenName", () => {
  it("finds the given name in the alias, whatever the spacing, punctuation or invisible characters", () => {
    expect(aliasContainsGivenName("บ้านสวนป้าแก้ว", "แก้ว")).toBe(true);
    expect(aliasContainsGivenName("สวนลุงมา", "มา")).toBe(true);
    expect(aliasContainsGivenName("บ้านสวน แก\u200bว้ ", "แก้ว")).toBe(false); // a different word
    expect(aliasContainsGivenName("บ้านสวน แก้\u200bว", "แก้ว")).toBe(true);
    expect(aliasContainsGivenName("สวน ทอง-ใบ", "ทองใบ")).toBe(true);
    expect(aliasContainsGivenName("Somsak's garden", "somsak")).toBe(true);
    // Precomposed and decomposed forms are the same text.
    expect(aliasContainsGivenName("Café José", "JOSE\u0301")).toBe(true);
  });

  it("looks for a name written with a title without the title", () => {
    expect(aliasContainsGivenName("สวนแก้วริมห้วย", "ป้าแก้ว")).toBe(true);
    expect(aliasContainsGivenName("ไร่นางสาวสมใจ", "นางสาวสมใจ")).toBe(true);
  });

  it("says no for aliases without the name, no name, or a one-character name", () => {
    expect(aliasContainsGivenName("สวนเถาเอ็นริมห้วย", "แก้ว")).toBe(false);
    expect(aliasContainsGivenName("สวนสมุนไพรทุ่งนาหลวง", "มา")).toBe(false);
    expect(aliasContainsGivenName("สวนสมุนไพรดอยผาแดง", "สมศักดิ์")).toBe(false);
    expect(aliasContainsGivenName("สวนมะม่วง", null)).toBe(false);
    expect(aliasContainsGivenName("สวนมะม่วง", "")).toBe(false);
    expect(aliasContainsGivenName("สวน ก", "ก")).toBe(false);
    expect(aliasContainsGivenName("สวนป้าเอ", "ป้า")).toBe(true); // the whole name is still looked for
  });
});

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const segment = (marker: number, payload: number[] | string) => {
  const body = typeof payload === "string" ? [...payload].map((c) => c.charCodeAt(0)) : payload;
  return [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
};
const text = (b: Uint8Array) => String.fromCharCode(...b);

describe("stripPhotoMetadata", () => {
  const jfif = segment(0xe0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
  const exif = segment(0xe1, "Exif\0\0GPS 18.6201N 99.1123E");
  const xmp = segment(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude</x:xmpmeta>");
  const comment = segment(0xfe, "taken at the plot");
  const icc = segment(0xe2, "ICC_PROFILE\0\x01\x01colour");
  const dqt = segment(0xdb, [0, ...Array(64).fill(1)]);
  const sos = [...segment(0xda, [1, 1, 0, 0, 63, 0]), 0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9];

  it("keeps a JPEG's picture and drops its EXIF, XMP and comments", () => {
    const photo = bytes([0xff, 0xd8], jfif, exif, xmp, comment, icc, dqt, [0xff, 0xff], sos);
    const out = stripPhotoMetadata(photo);
    expect(out.type).toBe("image/jpeg");
    expect(Array.from(out.bytes)).toEqual([0xff, 0xd8, ...jfif, ...icc, ...dqt, ...sos]);
    expect(text(out.bytes)).not.toMatch(/GPS|plot|xmpmeta/);
  });

  it("drops a PNG's text, EXIF and time chunks", () => {
    const chunk = (type: string, data: string) => [0, 0, 0, data.length, ...[...type, ...data].map((c) => c.charCodeAt(0)), 1, 2, 3, 4];
    const ihdr = chunk("IHDR", "0123456789abc");
    const idat = chunk("IDAT", "pixels");
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ihdr, chunk("tEXt", "GPS\0near the plot"), chunk("eXIf", "MM\0*GPS"), idat, chunk("tIME", "1234567"), chunk("IEND", ""));
    const out = stripPhotoMetadata(png);
    expect(out.type).toBe("image/png");
    expect(Array.from(out.bytes)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr, ...idat, ...chunk("IEND", "")]);
  });

  it("refuses what is not a well-formed JPEG or PNG", () => {
    expect(photoType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(photoType(bytes("GIF89a...."))).toBeNull();
    for (const bad of [
      bytes('<svg onload="alert(1)"/>'),
      bytes("RIFF\0\0\0\0WEBPVP8 "),
      bytes([0xff, 0xd8, 0xff, 0xe0, 0x00]),
      bytes([0xff, 0xd8], jfif, [0xff, 0xd9]),
      bytes([0xff, 0xd8], [0xff, 0xe1, 0x40, 0x00, 1, 2]),
      bytes([0xff, 0xd8, 0x00, 0x00]),
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72]),
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 73, 68, 65, 84, 1, 2, 3, 4]),
    ]) {
      expect(() => stripPhotoMetadata(bad)).toThrow(PhotoError);
    }
  });
});

describe("aliasesContainGivenName", () => {
  it("checks every public alias against every given name, Thai and romanised", () => {
    expect(aliasesContainGivenName(["สวนริมห้วย", "Kaew's creekside garden"], ["แก้ว", "Kaew"])).toBe(true);
    expect(aliasesContainGivenName(["สวนป้าแก้ว", null], ["แก้ว", null])).toBe(true);
    expect(aliasesContainGivenName(["สวนริมห้วย", "Creekside garden"], ["แก้ว", "Kaew"])).toBe(false);
    expect(aliasesContainGivenName([undefined, ""], ["แก้ว"])).toBe(false);
  });
});
