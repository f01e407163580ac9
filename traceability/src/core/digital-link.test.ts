import { describe, expect, it } from "vitest";
import {
  buildDigitalLink,
  buildDigitalLinkPath,
  DigitalLinkError,
  type DigitalLinkPart,
  encodeAiValue,
  fitsQrVersion5M,
  MAX_ORIGIN_LENGTH_FOR_QR_V5M,
  maxOriginLengthForQrV5M,
  normaliseOrigin,
  parseDigitalLink,
} from "./digital-link";
import { buildLotNumber } from "./lot-number";
import { generateSerial } from "./serial";

const GTIN = "08850000000010"; // GS1 Thailand prefix 885, valid check digit
const ORIGIN = "https://shop.maemok.example";

function errorOf(fn: () => unknown): DigitalLinkError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DigitalLinkError) return e;
    throw e;
  }
  throw new Error("expected a DigitalLinkError");
}

function expectPart(input: string, part: DigitalLinkPart, message?: RegExp): void {
  const err = errorOf(() => parseDigitalLink(input));
  expect(err.part).toBe(part);
  expect(err.name).toBe("DigitalLinkError");
  if (message) expect(err.message).toMatch(message);
}

describe("building", () => {
  it("builds the lot and unit URIs", () => {
    expect(buildDigitalLink(ORIGIN, { gtin: GTIN, lot: "MO-2611-03" })).toBe(
      "https://shop.maemok.example/01/08850000000010/10/MO-2611-03",
    );
    expect(buildDigitalLink(`${ORIGIN}/`, { gtin: GTIN, lot: "MO-2611-03", serial: "7K3QW9TZ0M4D8XHV" })).toBe(
      "https://shop.maemok.example/01/08850000000010/10/MO-2611-03/21/7K3QW9TZ0M4D8XHV",
    );
  });

  it("pads GTIN-13/12/8 to 14 digits and checks the check digit", () => {
    expect(buildDigitalLinkPath({ gtin: "8850000000010", lot: "A" })).toBe("/01/08850000000010/10/A");
    expect(buildDigitalLinkPath({ gtin: "96385074", lot: "A" })).toBe("/01/00000096385074/10/A");
    const err = errorOf(() => buildDigitalLinkPath({ gtin: "8850000000018", lot: "A" }));
    expect(err.part).toBe("gtin");
    expect(err.message).toMatch(/should be 0/);
    expect(errorOf(() => buildDigitalLinkPath({ gtin: "12345", lot: "A" })).part).toBe("gtin");
  });

  it("percent-encodes everything outside the unreserved set", () => {
    expect(encodeAiValue("AB-12._z")).toBe("AB-12._z");
    expect(encodeAiValue(`!"%&'()*+,/:;<=>?`)).toBe(
      "%21%22%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F",
    );
    expect(() => encodeAiValue("A~")).toThrow(/character set 82/);
    expect(() => encodeAiValue("ก")).toThrow(/character set 82/);
    expect(buildDigitalLinkPath({ gtin: GTIN, lot: "L/1", serial: "A&B" })).toBe(
      "/01/08850000000010/10/L%2F1/21/A%26B",
    );
  });

  it("refuses values GS1 does not allow", () => {
    expect(errorOf(() => buildDigitalLinkPath({ gtin: GTIN, lot: "" })).part).toBe("lot");
    expect(errorOf(() => buildDigitalLinkPath({ gtin: GTIN, lot: "X".repeat(21) })).message).toMatch(/at most 20/);
    expect(buildDigitalLinkPath({ gtin: GTIN, lot: "X".repeat(20) })).toContain("X".repeat(20));
    expect(errorOf(() => buildDigitalLinkPath({ gtin: GTIN, lot: "MO 01" })).message).toMatch(/U\+0020/);
    expect(errorOf(() => buildDigitalLinkPath({ gtin: GTIN, lot: "ล็อต1" })).part).toBe("lot");
    expect(errorOf(() => buildDigitalLinkPath({ gtin: GTIN, lot: "A~B" })).part).toBe("lot");
    expect(errorOf(() => buildDigitalLinkPath({ gtin: GTIN, lot: "A", serial: "S#1" })).part).toBe("serial");
    expect(errorOf(() => buildDigitalLinkPath({ gtin: GTIN, lot: "A", serial: "S".repeat(21) })).part).toBe("serial");
  });

  it("normalises and checks the origin", () => {
    expect(normaliseOrigin("HTTPS://Shop.MaeMok.Example///")).toBe("https://shop.maemok.example");
    expect(normaliseOrigin("http://localhost:9000/th")).toBe("http://localhost:9000/th");
    for (const bad of ["shop.example", "ftp://shop.example", "https://user@evil.example", "https://a b", "https://x/?q"]) {
      expect(errorOf(() => normaliseOrigin(bad)).part).toBe("origin");
    }
  });
});

describe("parsing", () => {
  it("parses full URLs and bare paths", () => {
    expect(parseDigitalLink("https://Shop.MaeMok.Example/01/08850000000010/10/MO-2611-03/21/7K3QW9TZ0M4D8XHV")).toEqual({
      origin: "https://shop.maemok.example",
      pathPrefix: "",
      gtin: GTIN,
      lot: "MO-2611-03",
      serial: "7K3QW9TZ0M4D8XHV",
      query: {},
    });
    expect(parseDigitalLink("/01/08850000000010/10/MO-2611-03")).toMatchObject({
      origin: null,
      lot: "MO-2611-03",
      serial: null,
    });
  });

  it("returns the query and ignores fragments", () => {
    const parsed = parseDigitalLink(`${ORIGIN}/01/${GTIN}/10/MO-2611-03?linkType=all&x=a%20b&linkType=gs1:pip&bad=%ZZ#top`);
    expect(parsed.query).toEqual({ linkType: "all", x: "a b", bad: "%ZZ" });
    expect(parsed.lot).toBe("MO-2611-03");
    expect(parseDigitalLink(`/01/${GTIN}/10/A/?linkType=all`).query).toEqual({ linkType: "all" });
  });

  it("decodes percent-escapes (either hex case) and tolerates raw sub-delimiters", () => {
    expect(parseDigitalLink(`/01/${GTIN}/10/L%2f1%3A2`).lot).toBe("L/1:2");
    expect(parseDigitalLink(`/01/${GTIN}/10/A!'()*/21/B%25C`)).toMatchObject({ lot: "A!'()*", serial: "B%C" });
  });

  it("round-trips every character of set 82", () => {
    const cset82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
    for (let i = 0; i < cset82.length; i += 20) {
      const lot = cset82.slice(i, i + 20);
      const serial = [...lot].reverse().join("");
      const uri = buildDigitalLink(ORIGIN, { gtin: GTIN, lot, serial });
      expect(parseDigitalLink(uri)).toMatchObject({ lot, serial, gtin: GTIN });
    }
  });

  it("handles lots and serials that look like keys, and a path prefix", () => {
    expect(parseDigitalLink(`/01/${GTIN}/10/21/21/10`)).toMatchObject({ lot: "21", serial: "10" });
    expect(parseDigitalLink(`/01/${GTIN}/10/01`)).toMatchObject({ lot: "01", serial: null });
    expect(parseDigitalLink(`https://shop.example/p/q/01/${GTIN}/10/A/21/B`)).toMatchObject({
      pathPrefix: "/p/q",
      lot: "A",
      serial: "B",
    });
  });

  it("names the GTIN as the wrong part", () => {
    expectPart(`/01/08850000000018/10/A`, "gtin", /check digit.*should be 0, not 8/);
    // The example GTIN once drafted for the label, 08850000000017, has a wrong check digit.
    expectPart(`https://shop.maemok.example/01/08850000000017/10/MO-2611-03/21/7K3QW9TZ0M4D8XHV`, "gtin", /should be 0, not 7/);
    expectPart(`/01/8850000000010/10/A`, "gtin", /14 digits.*08850000000010/);
    expectPart(`/01/96385074/10/A`, "gtin", /14 digits/);
    expectPart(`/01/0885000000001X/10/A`, "gtin", /14 digits/);
    expectPart(`/01/088500000000100/10/A`, "gtin");
  });

  it("names the lot as the wrong part", () => {
    expectPart(`/01/${GTIN}/10/A%ZZ`, "lot", /broken percent-escape "%ZZ"/);
    expectPart(`/01/${GTIN}/10/A%2`, "lot", /broken percent-escape/);
    expectPart(`/01/${GTIN}/10/A%`, "lot", /broken percent-escape/);
    expectPart(`/01/${GTIN}/10/A%20B`, "lot", /U\+0020/);
    expectPart(`/01/${GTIN}/10/%E0%B8%A5`, "lot", /non-ASCII/);
    expectPart(`/01/${GTIN}/10/ล็อต`, "lot", /percent-encoded/);
    expectPart(`/01/${GTIN}/10/A~B`, "lot", /does not allow/);
    expectPart(`/01/${GTIN}/10/${"X".repeat(21)}`, "lot", /21 characters.*at most 20/);
    expectPart(`/01/${GTIN}`, "lot", /lot is missing/);
    expectPart(`/01/${GTIN}/21/S`, "lot", /before \/21/);
    expectPart(`/01/${GTIN}/10`, "lot", /lot value is missing/);
  });

  it("names the serial as the wrong part", () => {
    expectPart(`/01/${GTIN}/10/A/21/B%ZZ`, "serial", /%ZZ/);
    expectPart(`/01/${GTIN}/10/A/21/${"S".repeat(21)}`, "serial", /at most 20/);
    expectPart(`/01/${GTIN}/10/A/21/S%7E`, "serial", /"~"/);
    expectPart(`/01/${GTIN}/10/A/21`, "serial", /serial value is missing/);
  });

  it("names the path as the wrong part", () => {
    expectPart("", "path");
    expectPart("hello", "path", /starting with \/01\//);
    expectPart("/products/oil", "path", /no \/01\//);
    expectPart(`ftp://shop.example/01/${GTIN}/10/A`, "path", /http/);
    expectPart(`https://user@evil.example/01/${GTIN}/10/A`, "path", /host/);
    expectPart(`https:///01/${GTIN}/10/A`, "path");
    expectPart(`/01/${GTIN}//10/A`, "path", /empty segment/);
    expectPart(`/01/${GTIN}/22/V/10/A`, "path", /unsupported key "\/22\/"/);
    expectPart(`/01/${GTIN}/10/A/22/V`, "path", /after the lot/);
    expectPart(`/01/${GTIN}/10/A/21/B/extra`, "path", /after the serial/);
    expectPart(`/p<x>/01/${GTIN}/10/A`, "path", /prefix/);
  });
});

describe("QR version 5-M budget", () => {
  it("documents a 30-character origin limit for the longest lot and a 16-character serial", () => {
    expect(MAX_ORIGIN_LENGTH_FOR_QR_V5M).toBe(30);
    expect(maxOriginLengthForQrV5M(10, 16)).toBe(32);
  });

  it("fits the shop's real URI and the worst case at the limit, not one byte more", () => {
    const serial = generateSerial();
    const shopUri = buildDigitalLink(ORIGIN, { gtin: GTIN, lot: "MO-2611-03", serial });
    expect(shopUri).toHaveLength(79);
    expect(fitsQrVersion5M(shopUri)).toBe(true);

    const longestLot = buildLotNumber("MOK", "2026-11-01", 999);
    const atLimit = `https://${"a".repeat(MAX_ORIGIN_LENGTH_FOR_QR_V5M - 8)}`;
    const worst = buildDigitalLink(atLimit, { gtin: GTIN, lot: longestLot, serial });
    expect(worst).toHaveLength(84);
    expect(fitsQrVersion5M(worst)).toBe(true);
    expect(fitsQrVersion5M(buildDigitalLink(`${atLimit}a`, { gtin: GTIN, lot: longestLot, serial }))).toBe(false);
  });

  it("counts bytes, so percent-encoding and non-ASCII count in full", () => {
    expect(fitsQrVersion5M("a".repeat(84))).toBe(true);
    expect(fitsQrVersion5M("a".repeat(85))).toBe(false);
    expect(fitsQrVersion5M("ก".repeat(28))).toBe(true); // 84 bytes
    expect(fitsQrVersion5M("ก".repeat(29))).toBe(false);
  });
});
