import jsQR from "jsqr"
import { PNG } from "pngjs"
import { describe, expect, it } from "vitest"
import {
  maskedPromptPayId,
  parsePromptPayId,
  promptPayPayload,
  promptPayQrDataUrl,
} from "../../backend/src/modules/promptpay/payload"

// The payload comes from the promptparse library; these tests check it against published PromptPay QR
// strings and an independent CRC, and decode the QR image the shop renders.

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as EMVCo specifies: the test's own oracle. */
function crc16(text: string): string {
  let crc = 0xffff
  for (const byte of Buffer.from(text, "latin1")) {
    crc ^= byte << 8
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
  }
  return crc.toString(16).toUpperCase().padStart(4, "0")
}

/** EMVCo tag-length-value fields as a map (nested templates stay strings). */
function tlv(payload: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (let i = 0; i < payload.length; ) {
    const tag = payload.slice(i, i + 2)
    const length = Number(payload.slice(i + 2, i + 4))
    fields.set(tag, payload.slice(i + 4, i + 4 + length))
    i += 4 + length
  }
  return fields
}

function crcIsValid(payload: string): boolean {
  return payload.slice(-4) === crc16(payload.slice(0, -4))
}

// Published in the README of dtinth/promptpay-qr, the reference PromptPay generator (tags 58 before 53).
const PUBLISHED_STATIC = "00020101021129370016A000000677010111011300668999999995802TH53037646304FE29"
const PUBLISHED_420_BAHT = "00020101021229370016A000000677010111011300668999999995802TH53037645406420.006304CF9E"

describe("PromptPay payload", () => {
  it("has a CRC oracle that agrees with the standard check value and the published QR strings", () => {
    expect(crc16("123456789")).toBe("29B1")
    expect(crcIsValid(PUBLISHED_STATIC)).toBe(true)
    expect(crcIsValid(PUBLISHED_420_BAHT)).toBe(true)
  })

  it("matches the published QR for a mobile number with an amount, field by field", () => {
    const ours = promptPayPayload(parsePromptPayId("089-999-9999")!, 420)
    expect(Object.fromEntries(tlv(ours.slice(0, -4)))).toEqual(Object.fromEntries(tlv(PUBLISHED_420_BAHT.slice(0, -4))))
    expect(crcIsValid(ours)).toBe(true)
    // 12 = dynamic QR (one payment of this amount); 0066 + the number without its leading 0.
    expect(tlv(ours).get("01")).toBe("12")
    expect(tlv(tlv(ours).get("29")!).get("01")).toBe("0066899999999")
  })

  it("carries the exact order total in baht with two decimals", () => {
    const id = parsePromptPayId("0812345678")!
    expect(tlv(promptPayPayload(id, 378)).get("54")).toBe("378.00")
    expect(tlv(promptPayPayload(id, 1234.5)).get("54")).toBe("1234.50")
    expect(tlv(promptPayPayload(id, 0.1 + 0.2)).get("54")).toBe("0.30")
    expect(() => promptPayPayload(id, 0)).toThrow(/positive/)
    expect(() => promptPayPayload(id, Number.NaN)).toThrow(/positive/)
  })

  it("puts a tax ID and an e-wallet ID in their own PromptPay sub-tags", () => {
    const taxId = parsePromptPayId("0 1055 61012 34 5")!
    expect(taxId).toEqual({ type: "NATID", target: "0105561012345" })
    const byTaxId = promptPayPayload(taxId, 250)
    const merchant = tlv(tlv(byTaxId).get("29")!)
    expect(merchant.get("00")).toBe("A000000677010111")
    expect(merchant.get("02")).toBe("0105561012345")
    expect(merchant.has("01")).toBe(false)
    expect(tlv(byTaxId).get("53")).toBe("764")
    expect(tlv(byTaxId).get("58")).toBe("TH")
    expect(crcIsValid(byTaxId)).toBe(true)

    const wallet = promptPayPayload(parsePromptPayId("004999000288505")!, 99)
    expect(tlv(tlv(wallet).get("29")!).get("03")).toBe("004999000288505")
    expect(crcIsValid(wallet)).toBe(true)
  })

  it("refuses what is not a PromptPay ID and masks the ID shown to customers", () => {
    expect(parsePromptPayId("12345")).toBeNull()
    expect(parsePromptPayId("1812345678")).toBeNull()
    expect(parsePromptPayId("08x2345678")).toBeNull()
    expect(maskedPromptPayId(parsePromptPayId("0812345678")!)).toBe("xxxxxx5678")
  })

  it("renders a QR that decodes back to the payload", async () => {
    const payload = promptPayPayload(parsePromptPayId("0812345678")!, 378)
    const dataUrl = await promptPayQrDataUrl(payload)
    expect(dataUrl.startsWith("data:image/png;base64,")).toBe(true)
    const png = PNG.sync.read(Buffer.from(dataUrl.split(",")[1], "base64"))
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(decoded?.data).toBe(payload)
    expect(crcIsValid(decoded!.data)).toBe(true)
  })
})
