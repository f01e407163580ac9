import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildTrackingNumber,
  formatTrackingNumber,
  normaliseTrackingNumber,
  parseTrackingNumber,
  postService,
  s10CheckDigit,
  thailandPostTrackingUrl,
} from "./tracking-number";

describe("S10 check digit", () => {
  it("matches worked examples of the UPU rule", () => {
    // 1·8+2·6+3·4+4·2+5·3+6·5+7·9+8·7 = 204; 204 mod 11 = 6; 11 − 6 = 5 (the UPU sample RR 12345678 5)
    expect(s10CheckDigit("12345678")).toBe(5);
    // 4·8+7·6+3·4+1·2+2·3+4·5+8·9+2·7 = 200; 200 mod 11 = 2 → 9
    expect(s10CheckDigit("47312482")).toBe(9);
    // sum 231 ≡ 0 (mod 11) → 11 → 5 (a real Indian registered item, RR 28704377 5 IN)
    expect(s10CheckDigit("28704377")).toBe(5);
    // sum ≡ 1 → 10 → 0
    expect(s10CheckDigit("65432100")).toBe(0);
    expect(s10CheckDigit("00000000")).toBe(5);
    expect(() => s10CheckDigit("1234567")).toThrow(RangeError);
  });
});

describe("parseTrackingNumber", () => {
  it("accepts Thailand Post numbers and links to their tracking page", () => {
    expect(parseTrackingNumber("EB123456785TH")).toEqual({
      ok: true,
      number: "EB123456785TH",
      service: "ems",
      serviceName: { th: "อีเอ็มเอส (EMS)", en: "EMS" },
      trackingUrl: "https://track.thailandpost.co.th/?trackNumber=EB123456785TH",
    });
    expect(parseTrackingNumber("RR287043775TH")).toMatchObject({ ok: true, service: "registered" });
    expect(parseTrackingNumber("EF654321000TH")).toMatchObject({ ok: true, number: "EF654321000TH" });
    expect(parseTrackingNumber("CP473124829TH")).toMatchObject({ ok: true, service: "parcel" });
    expect(parseTrackingNumber("ZZ473124829TH")).toMatchObject({ ok: true, service: "other", serviceName: { en: "Other service" } });
  });

  it("normalises spaces, hyphens, lowercase and full-width characters", () => {
    expect(normaliseTrackingNumber(" eb 1234 5678 5 th ")).toBe("EB123456785TH");
    expect(parseTrackingNumber("eb-1234-5678-5-th")).toMatchObject({ ok: true, number: "EB123456785TH" });
    expect(parseTrackingNumber("ＥＢ１２３４５６７８５ＴＨ")).toMatchObject({ ok: true, number: "EB123456785TH" });
    expect(parseTrackingNumber("EB\u00a012345678\u00a05TH")).toMatchObject({ ok: true });
  });

  it("refuses with a code and messages in both languages", () => {
    const cases: [string, string][] = [
      ["", "EMPTY"],
      ["   ", "EMPTY"],
      ["EB12345678TH", "WRONG_FORMAT"],
      ["E1234567855TH", "WRONG_FORMAT"],
      ["EB1234567855TH", "WRONG_FORMAT"],
      ["KER123456789", "WRONG_FORMAT"],
      ["RR287043775IN", "NOT_THAILAND_POST"],
      ["EB123456784TH", "WRONG_CHECK_DIGIT"],
      ["EB123456875TH", "WRONG_CHECK_DIGIT"], // two digits swapped
    ];
    for (const [input, code] of cases) {
      const r = parseTrackingNumber(input);
      expect(r, input).toMatchObject({ ok: false, code });
      if (r.ok) continue;
      expect(r.message_th, input).toMatch(/[\u0E00-\u0E7F]/);
      expect(r.message_en.length).toBeGreaterThan(10);
    }
  });

  it("does not tell the expected check digit", () => {
    const r = parseTrackingNumber("EB123456784TH");
    expect(r.ok === false && r.message_en).not.toMatch(/5/);
  });

  it("property: every built number parses, and a single wrong digit is caught unless S10 cannot see it", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2}$/), fc.stringMatching(/^\d{8}$/), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (svc, serial, pos, delta) => {
        const n = buildTrackingNumber(svc, serial);
        expect(parseTrackingNumber(n)).toMatchObject({ ok: true, number: n });
        expect(parseTrackingNumber(n.toLowerCase())).toMatchObject({ ok: true, number: n });
        const digits = serial.split("");
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        const typo = `${svc}${digits.join("")}${n.charAt(10)}TH`;
        // One wrong digit always changes the sum mod 11 (weights and deltas are non-zero mod 11), but
        // S10 maps remainders 0 and 6 both to check digit 5, so that one swap goes unseen.
        const blind = s10CheckDigit(digits.join("")) === Number(n.charAt(10));
        expect(parseTrackingNumber(typo)).toMatchObject(blind ? { ok: true } : { ok: false, code: "WRONG_CHECK_DIGIT" });
        if (blind) expect(Number(n.charAt(10))).toBe(5);
      }),
      { numRuns: 500 },
    );
  });
});

describe("helpers", () => {
  it("names the service by the first letter", () => {
    expect(postService("EA000000005TH").service).toBe("ems");
    expect(postService("RB000000005TH").service).toBe("registered");
    expect(postService("LA000000005TH").service).toBe("express_letter");
    expect(postService("VA000000005TH").service).toBe("insured_letter");
    expect(postService("AA000000005TH").service).toBe("recorded_letter");
    expect(postService("UA000000005TH").service).toBe("customs_letter");
    expect(postService("PA000000005TH").service).toBe("other");
  });

  it("builds, formats and links", () => {
    expect(buildTrackingNumber("EB", "12345678")).toBe("EB123456785TH");
    expect(() => buildTrackingNumber("E", "12345678")).toThrow(RangeError);
    expect(formatTrackingNumber("EB123456785TH")).toBe("EB 1234 5678 5 TH");
    expect(thailandPostTrackingUrl("EB123456785TH")).toBe("https://track.thailandpost.co.th/?trackNumber=EB123456785TH");
  });
});
