import { invalid } from "../errors"

// The forward trace's keyset cursor: the (order id, allocation id) of the last row of a page, base64url JSON.

const CURSOR_INVALID = { code: "INVALID_CURSOR", message: "The page cursor is not valid; start from the first page.", message_th: "ตัวชี้หน้าไม่ถูกต้อง เริ่มจากหน้าแรกใหม่" }

export function encodeCursor(row: { order_id: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.order_id, row.id])).toString("base64url")
}

/** The (order, allocation) a cursor continues after, or null when it is not one of ours. */
export function parseCursor(cursor: string): { order_id: string; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") return { order_id: v[0], id: v[1] }
  } catch {
    // not JSON
  }
  return null
}

export function decodeCursor(cursor: string | undefined): { order_id: string; id: string } | null {
  if (!cursor) return null
  const parsed = parseCursor(cursor)
  if (!parsed) throw invalid(CURSOR_INVALID)
  return parsed
}

