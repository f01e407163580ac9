import { describe, expect, it } from "vitest"
import { buildDigitalLink, MAX_ORIGIN_LENGTH_FOR_QR_V5M } from "@mae-mok/traceability"
import { MAX_QR_VERSION, qrVersion } from "../../backend/src/lib/traceability/qr"

// The label is 15 mm wide: the unit URL must fit QR version 5 at error correction M.
describe("label QR size", () => {
  const values = { gtin: "08859999003019", lot: "CBX-2611-999", serial: "7K3QW9TZ0M4D8XHV" }

  it("fits version ≤ 5 for the shop's origin and the longest origin the core allows", () => {
    expect(qrVersion(buildDigitalLink("https://shop.maemok.example", values))).toBeLessThanOrEqual(MAX_QR_VERSION)
    const longest = "https://" + "a".repeat(MAX_ORIGIN_LENGTH_FOR_QR_V5M - "https://".length - 4) + ".com"
    expect(longest).toHaveLength(MAX_ORIGIN_LENGTH_FOR_QR_V5M)
    expect(qrVersion(buildDigitalLink(longest, values))).toBeLessThanOrEqual(MAX_QR_VERSION)
  })

  it("refuses a URL that would need a denser code, naming STOREFRONT_URL", () => {
    const tooLong = buildDigitalLink("https://" + "a".repeat(60) + ".example", values)
    expect(() => qrVersion(tooLong)).toThrow(/version \d+ .*STOREFRONT_URL/)
  })
})
