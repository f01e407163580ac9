import { describe, expect, it } from "vitest";
import {
  CROCKFORD_ALPHABET,
  encodeCrockfordBase32,
  formatSerialForPrint,
  generateSerial,
  isValidSerial,
  normaliseSerial,
  parseSerialInput,
  SERIAL_LENGTH,
  secureRandomBytes,
} from "./serial";

describe("Crockford base32", () => {
  it("has 32 symbols and none of I, L, O, U", () => {
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it("encodes known bit patterns most significant bit first", () => {
    expect(encodeCrockfordBase32(new Uint8Array(10))).toBe("0000000000000000");
    expect(encodeCrockfordBase32(new Uint8Array(10).fill(0xff))).toBe("ZZZZZZZZZZZZZZZZ");
    // 0x08 = 00001 000 → "1" then "0..." ; one byte pads to two symbols
    expect(encodeCrockfordBase32(Uint8Array.of(0x08))).toBe("10");
    // "f" (0x66) "o" (0x6f) in RFC 4648 base32 is MZXQ; Crockford maps the same 5-bit values
    expect(encodeCrockfordBase32(Uint8Array.of(0x66, 0x6f))).toBe("CSQG");
  });
});

describe("generateSerial", () => {
  it("turns 80 random bits into 16 valid characters", () => {
    const bytes = Uint8Array.of(0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf);
    const serial = generateSerial(() => bytes);
    expect(serial).toBe("0123456789ABCDEF");
    expect(serial).toHaveLength(SERIAL_LENGTH);
  });

  it("uses the secure source by default and does not repeat", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const serial = generateSerial();
      expect(isValidSerial(serial)).toBe(true);
      seen.add(serial);
    }
    expect(seen.size).toBe(2000);
    expect(secureRandomBytes(10)).toHaveLength(10);
  });

  it("refuses a random source that returns the wrong length", () => {
    expect(() => generateSerial(() => new Uint8Array(8))).toThrow(/10 bytes/);
  });
});

describe("serial input from people", () => {
  it("normalises case, look-alikes, spaces and dashes", () => {
    expect(normaliseSerial("7k3q-w9tz-om4d-8xhv")).toBe("7K3QW9TZ0M4D8XHV");
    expect(normaliseSerial(" 7K3Q W9TZ 0M4D 8XHV ")).toBe("7K3QW9TZ0M4D8XHV");
    expect(normaliseSerial("ilIL oO")).toBe("111100");
    expect(normaliseSerial("７Ｋ３Ｑ–W9TZ")).toBe("7K3QW9TZ"); // full-width letters and an en dash
  });

  it("accepts look-alike input and rejects what cannot be a serial", () => {
    expect(parseSerialInput("7k3q-w9tz-om4d-8xhv")).toBe("7K3QW9TZ0M4D8XHV");
    expect(parseSerialInput("7K3QW9TZ0M4D8XH")).toBeNull(); // 15 characters
    expect(parseSerialInput("7K3QW9TZ0M4D8XHVV")).toBeNull(); // 17 characters
    expect(parseSerialInput("7K3QW9TZ0M4D8XHU")).toBeNull(); // U is not in the alphabet
    expect(parseSerialInput("7K3QW9TZ0M4D8XH*")).toBeNull();
  });

  it("validates only the canonical form", () => {
    expect(isValidSerial("7K3QW9TZ0M4D8XHV")).toBe(true);
    expect(isValidSerial("7k3qw9tz0m4d8xhv")).toBe(false);
    expect(isValidSerial("7K3QW9TZOM4D8XHV")).toBe(false); // letter O
    expect(isValidSerial("7K3Q-W9TZ-0M4D-8XHV")).toBe(false);
  });

  it("groups for print and round-trips through the normaliser", () => {
    const printed = formatSerialForPrint("7K3QW9TZ0M4D8XHV");
    expect(printed).toBe("7K3Q-W9TZ-0M4D-8XHV");
    expect(parseSerialInput(printed)).toBe("7K3QW9TZ0M4D8XHV");
    expect(() => formatSerialForPrint("short")).toThrow();
  });
});
