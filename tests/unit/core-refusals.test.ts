import { describe, expect, it } from "vitest"
import { LedgerError, MoneyError, splitLargestRemainder } from "@mae-mok/traceability"
import { errorAnswer } from "../../backend/src/lib/errors"

// The money core's refusals become the API's 400 (decision 0051), also when a workflow engine hands the route a
// serialised copy of the step's error, which is no longer an instance of the class.

function thrownBy(fn: () => unknown): Error {
  try {
    fn()
  } catch (err) {
    return err as Error
  }
  throw new Error("expected a throw")
}

describe("core money refusals through errorAnswer", () => {
  it("answers a MoneyError from the core's arithmetic with 400 not_allowed, code, message and message_th", () => {
    const err = thrownBy(() => splitLargestRemainder(100, [0, 0]))
    expect(err).toBeInstanceOf(MoneyError)
    expect(errorAnswer(err)).toMatchObject({
      status: 400,
      body: { type: "not_allowed", code: "ALL_WEIGHTS_ZERO", message: "weights must not all be zero", message_th: "น้ำหนักทั้งหมดเป็นศูนย์ จึงแบ่งเงินไม่ได้" },
    })
  })

  it("answers a serialised LedgerError (a plain object, as a workflow step's error arrives) the same way", () => {
    const original = new LedgerError("NO_HOUSEHOLDS", "รุ่นการผลิตนี้ไม่มีข้อมูลครัวเรือนผู้ปลูก", "batch b1 has no households in its mass balance")
    const copy = JSON.parse(JSON.stringify({ ...original, name: original.name, message: original.message, stack: original.stack }))
    expect(copy).not.toBeInstanceOf(Error)
    for (const err of [original, copy]) {
      expect(errorAnswer(err)).toMatchObject({
        status: 400,
        body: { type: "not_allowed", code: "NO_HOUSEHOLDS", message: "batch b1 has no households in its mass balance", message_th: "รุ่นการผลิตนี้ไม่มีข้อมูลครัวเรือนผู้ปลูก" },
      })
    }
  })

  it("leaves other errors alone: one with a Thai message but no known type stays a 500 without its details", () => {
    const other = Object.assign(new Error("boom"), { message_th: "พัง", code: "X" })
    const answer = errorAnswer(other)
    expect(answer?.status).toBe(500)
    expect(answer?.body.message_th).toBeUndefined()
    expect(errorAnswer(new Error("plain"))).toBeNull()
  })
})
