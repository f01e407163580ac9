import { DigitalLinkError, parseDigitalLink } from "@mae-mok/traceability"
import { MedusaError } from "@medusajs/framework/utils"
import { AppError } from "../errors"

/** 400 for a code that breaks GS1 syntax, naming the broken `part` (gtin, lot or serial). */
export function invalidLink(part: string, message: string): AppError {
  const refusal = { code: "INVALID_DIGITAL_LINK", message, message_th: "ลิงก์หรือรหัสบนฉลากไม่ถูกต้อง" }
  return new AppError(MedusaError.Types.INVALID_DATA, refusal, { details: { part } })
}

/**
 * Checks the route's parameters by rebuilding the Digital Link path and running the core's parser
 * on it, so the store API and the printed QR follow the same rules: 400 only for what breaks GS1 syntax.
 */
export function parseLinkParams(gtin: string, lot: string, serial?: string): { gtin: string; lot: string; serial: string | null } {
  // A JSON body (POST …/scans) can carry a lone UTF-16 surrogate, which no URL can encode.
  const encode = (part: string, name: string) => {
    try {
      return encodeURIComponent(part)
    } catch {
      throw invalidLink(name, `${name} is not valid text (a lone UTF-16 surrogate)`)
    }
  }
  const path = `/01/${encode(gtin, "gtin")}/10/${encode(lot, "lot")}${serial === undefined ? "" : `/21/${encode(serial, "serial")}`}`
  try {
    // Only GS1 syntax is refused (400). A serial that is valid GS1 but not one we could have printed (ours are 16
    // Crockford base32 characters) is simply unknown: 404, as a GS1 resolver answers for a link it does not know.
    const parsed = parseDigitalLink(path)
    return { gtin: parsed.gtin, lot: parsed.lot, serial: parsed.serial }
  } catch (err) {
    if (err instanceof DigitalLinkError) throw invalidLink(err.part, err.message)
    throw err
  }
}
