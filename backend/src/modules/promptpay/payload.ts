import { generate } from "promptparse"
import QRCode from "qrcode"

/**
 * PromptPay IDs a group can receive money on (BOT "AnyID" proxy types):
 * a mobile number (MSISDN), a citizen or tax ID (NATID, 13 digits) or an e-wallet ID (15 digits).
 */
export type PromptPayId = { type: "MSISDN" | "NATID" | "EWALLETID"; target: string }

/** Reads a PromptPay ID as people write it ("081-234-5678", "0 1055 12345 67 8"); null when it is none. */
export function parsePromptPayId(raw: string): PromptPayId | null {
  const digits = raw.replace(/[\s-]/g, "")
  if (!/^\d+$/.test(digits)) return null
  if (digits.length === 10 && digits.startsWith("0")) return { type: "MSISDN", target: digits }
  if (digits.length === 13) return { type: "NATID", target: digits }
  if (digits.length === 15) return { type: "EWALLETID", target: digits }
  return null
}

/**
 * The EMVCo merchant-presented QR payload (Thai QR Payment, tag 29 PromptPay) for an exact amount
 * in baht. The payload, its tags and the CRC come from the promptparse library.
 */
export function promptPayPayload(id: PromptPayId, amountBaht: number): string {
  if (!Number.isFinite(amountBaht) || amountBaht <= 0) {
    throw new Error(`a PromptPay amount must be a positive number of baht, got ${amountBaht}`)
  }
  // Satang precision: the QR carries at most two decimals.
  const amount = Math.round(amountBaht * 100) / 100
  return generate.anyId({ type: id.type, target: id.target, amount })
}

/** Shows only the last digits of the receiving ID to customers, the way Thai banking apps do. */
export function maskedPromptPayId(id: PromptPayId): string {
  return `${"x".repeat(id.target.length - 4)}${id.target.slice(-4)}`
}

/** The QR as a PNG data URL. Error correction M and a 4-module quiet zone: what Thai banking apps scan reliably from a screen. */
export function promptPayQrDataUrl(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { errorCorrectionLevel: "M", margin: 4, width: 320 })
}
