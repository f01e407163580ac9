import { describe, expect, it } from "vitest"
import { quantityLimitBody, QuantityLimitError, quantityRefusal } from "../../backend/src/lib/checkout/quantity-limits"
import { readEnv } from "../../backend/src/lib/env"

const limits = { perLine: 10, perOrder: 30 }

describe("cart quantity limits (decision 0023)", () => {
  it("allows up to 10 of one product and 30 in all", () => {
    expect(quantityRefusal([], limits)).toBeNull()
    expect(quantityRefusal([{ variant_id: "a", quantity: 10 }, { variant_id: "b", quantity: 10 }, { variant_id: "c", quantity: 10 }], limits)).toBeNull()
  })

  it("counts every line of one product together, and BigNumber-like quantities as numbers", () => {
    const refusal = quantityRefusal([{ id: "l1", variant_id: "a", quantity: 6 }, { id: "l2", variant_id: "a", quantity: { valueOf: () => 5 } }], limits)
    expect(refusal).toMatchObject({ code: "line_quantity_limit", limit: 10, variant_id: "a" })
    expect(refusal!.message).toContain("At most 10 units of one product")
    expect(refusal!.message_th).toContain("ไม่เกิน 10 ชิ้น")
  })

  it("refuses a 31st unit across products", () => {
    const lines = ["a", "b", "c"].map((v) => ({ variant_id: v, quantity: 10 })).concat({ variant_id: "d", quantity: 1 })
    expect(quantityRefusal(lines, limits)).toMatchObject({ code: "order_quantity_limit", limit: 30 })
  })

  it("the error keeps its code and Thai message through a workflow's serialization", () => {
    const error = new QuantityLimitError(quantityRefusal([{ variant_id: "a", quantity: 11 }], limits)!)
    const serialized = JSON.parse(JSON.stringify({ ...error, message: error.message }))
    for (const e of [error, serialized]) {
      expect(quantityLimitBody(e)).toMatchObject({ type: "not_allowed", code: "line_quantity_limit", limit: 10, variant_id: "a", message_th: expect.stringContaining("10") })
    }
    expect(quantityLimitBody(new Error("other"))).toBeNull()
  })

  it("reads its settings with sensible defaults and says which one is wrong", () => {
    expect(readEnv({})).toMatchObject({ maxUnitsPerLine: 10, maxUnitsPerOrder: 30, manualPaymentUnpaidTtlMinutes: 3 * 24 * 60 })
    expect(readEnv({ MAX_UNITS_PER_LINE: "5", MAX_UNITS_PER_ORDER: "12", MANUAL_PAYMENT_UNPAID_TTL_MINUTES: "60" })).toMatchObject({
      maxUnitsPerLine: 5,
      maxUnitsPerOrder: 12,
      manualPaymentUnpaidTtlMinutes: 60,
    })
    expect(() => readEnv({ MAX_UNITS_PER_LINE: "2.5" })).toThrow(/MAX_UNITS_PER_LINE must be a whole number.*"2.5"/)
    expect(() => readEnv({ MAX_UNITS_PER_ORDER: "0" })).toThrow(/MAX_UNITS_PER_ORDER/)
    expect(() => readEnv({ MAX_UNITS_PER_LINE: "40" })).toThrow(/MAX_UNITS_PER_LINE \(40\) must not be more than MAX_UNITS_PER_ORDER \(30\)/)
    expect(() => readEnv({ MANUAL_PAYMENT_UNPAID_TTL_MINUTES: "-1" })).toThrow(/MANUAL_PAYMENT_UNPAID_TTL_MINUTES/)
  })
})
