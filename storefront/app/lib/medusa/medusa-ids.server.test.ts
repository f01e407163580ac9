import { describe, expect, it } from "vitest"
import { idSegment, medusaId } from "./medusa-ids.server"

describe("Medusa ids before they go into a backend URL (issue 10, item 13)", () => {
  it("accepts ids of the kind's shape only", () => {
    expect(medusaId("lineItem", "cali_01JABCDEFGHJKMNPQRSTVWXYZ0")).toBe("cali_01JABCDEFGHJKMNPQRSTVWXYZ0")
    expect(medusaId("paymentCollection", "pay_col_01JABCDEFGHJKMNPQRSTVWXYZ0")).toBe("pay_col_01JABCDEFGHJKMNPQRSTVWXYZ0")
    for (const bad of [
      "../../../../customers/me/addresses/cuaddr_01JABCDEFGHJKMNPQRSTVWXYZ0",
      "cali_01JABCDEFGHJKMNPQRSTVWXYZ0/../x",
      "cali_01JABCDEFGHJKMNPQRSTVWXYZ0?x=1",
      "cali_01jabcdefghjkmnpqrstvwxyz0",
      "cali_01JABCDEFGHJKMNPQRSTVWXYZI",
      "cuaddr_01JABCDEFGHJKMNPQRSTVWXYZ0",
      "cali_1",
      "",
      null,
      42,
    ]) {
      expect(medusaId("lineItem", bad), String(bad)).toBeNull()
    }
  })

  it("idSegment throws a 400 Response for a bad id and returns a good one as it is", () => {
    expect(idSegment("order", "order_01JABCDEFGHJKMNPQRSTVWXYZ0")).toBe("order_01JABCDEFGHJKMNPQRSTVWXYZ0")
    let thrown: unknown
    try {
      idSegment("order", "../../carts")
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(400)
  })
})
