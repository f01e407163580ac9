import QRCode from "qrcode"
import { MedusaError } from "@medusajs/framework/utils"

/** The label is printed at 15 mm on a 30 ml bottle: the QR must stay at version ≤ 5, level M. */
export const MAX_QR_VERSION = 5
const OPTIONS = { errorCorrectionLevel: "M" as const, margin: 2 }

/** QR version the unit url needs at level M; refuses urls that would print too dense. */
export function qrVersion(url: string): number {
  const version = QRCode.create(url, OPTIONS).version
  if (version > MAX_QR_VERSION) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The label URL needs QR version ${version} (more than ${MAX_QR_VERSION}); shorten STOREFRONT_URL: ${url}`
    )
  }
  return version
}

export async function qrSvg(url: string): Promise<string> {
  qrVersion(url)
  return QRCode.toString(url, { ...OPTIONS, type: "svg" })
}

export async function qrPng(url: string, width: number): Promise<Buffer> {
  qrVersion(url)
  return QRCode.toBuffer(url, { ...OPTIONS, type: "png", width })
}
