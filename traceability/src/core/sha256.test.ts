import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256, sha256Hex, toBase64Url, toHex, utf8ByteLength, utf8Encode } from "./sha256";

describe("utf8Encode", () => {
  it("matches Node's encoder for ASCII, Thai, emoji and lone surrogates", () => {
    for (const text of ["", "MO-2611-03", "น้ำมันนวดสมุนไพรหมอกไพร", "é€𝄞🌿", "a\ud800b", "\udc00", "x\ud83d"]) {
      expect(Array.from(utf8Encode(text))).toEqual(Array.from(Buffer.from(text, "utf8")));
    }
  });

  it("counts bytes, not characters", () => {
    expect(utf8ByteLength("abc")).toBe(3);
    expect(utf8ByteLength("ไพร")).toBe(9); // Thai letters take 3 bytes each
    expect(utf8ByteLength("🌿")).toBe(4);
  });
});

describe("sha256", () => {
  it("matches the NIST FIPS 180-4 examples", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("matches node:crypto around every padding boundary and for longer input", () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(toHex(sha256(bytes))).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
    const big = "ผักเสี้ยนผี Cleome viscosa ".repeat(5000);
    expect(sha256Hex(big)).toBe(createHash("sha256").update(big, "utf8").digest("hex"));
  });
});

describe("encodings", () => {
  it("writes base64url without padding like Node does", () => {
    for (let n = 0; n <= 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => 250 - i * 7);
      expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
    }
  });
});
