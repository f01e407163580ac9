// @ts-check (plain JavaScript that node runs as it is, type-checked through JSDoc: npm run typecheck)
// A stored page filled in for one visitor (page-cache.js) differs from the next visitor's only in its stand-ins
// (nonce, CSRF token, header). Compressing the whole page for every answer cost more than the rest of serving
// it, so the page is split at its stand-ins once and each piece deflated once; an answer is those pieces with
// the visitor's values between them as uncompressed ("stored") deflate blocks, in one gzip member (RFC 1951,
// 1952). Each piece is compressed on its own and ends on a byte boundary (a sync flush), so it refers back to
// nothing before it and any bytes may follow it.
import zlib from "node:zlib"

/**
 * A text cut at its stand-ins: `pieces[i]`, then the value of `slots[i]`, then `pieces[i + 1]` …; `deflated[i]`
 * is `pieces[i]` compressed, ending on a byte boundary.
 * @typedef {{ pieces: Buffer[], deflated: Buffer[], slots: string[], bytes: number }} Template
 */

const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
// The last block: empty, marked final (what zlib ends an empty input with).
const LAST_BLOCK = zlib.deflateRawSync(Buffer.alloc(0))
const STORED_MAX = 0xffff

/** @type {(s: string) => string} */
const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")

/**
 * @param {string} text
 * @param {string[]} standIns
 * @returns {Template}
 */
export function templateOf(text, standIns) {
  const pieces = []
  const slots = []
  const pattern = new RegExp(standIns.map(escaped).join("|"), "g")
  let from = 0
  for (const match of text.matchAll(pattern)) {
    pieces.push(Buffer.from(text.slice(from, match.index), "utf8"))
    slots.push(match[0])
    from = /** @type {number} */ (match.index) + match[0].length
  }
  pieces.push(Buffer.from(text.slice(from), "utf8"))
  const deflated = pieces.map((piece) => zlib.deflateRawSync(piece, { finishFlush: zlib.constants.Z_SYNC_FLUSH }))
  const bytes = pieces.reduce((sum, p) => sum + p.length, 0) + deflated.reduce((sum, d) => sum + d.length, 0)
  return { pieces, deflated, slots, bytes }
}

/**
 * The text with each slot's value (a slot without one keeps its stand-in).
 * @param {Template} template
 * @param {Map<string, string>} values
 */
export function filledText(template, values) {
  /** @type {Buffer[]} */
  const parts = []
  template.pieces.forEach((piece, i) => {
    parts.push(piece)
    const slot = template.slots[i]
    if (slot !== undefined) parts.push(Buffer.from(values.get(slot) ?? slot, "utf8"))
  })
  return Buffer.concat(parts)
}

/**
 * The same as `gzip(filledText(template, values))`, compressing only the values (stored as they are).
 * @param {Template} template
 * @param {Map<string, string>} values
 */
export function filledGzip(template, values) {
  /** @type {Buffer[]} */
  const parts = [HEADER]
  let crc = 0
  let size = 0
  template.pieces.forEach((piece, i) => {
    parts.push(template.deflated[i] ?? Buffer.alloc(0))
    crc = zlib.crc32(piece, crc)
    size += piece.length
    const slot = template.slots[i]
    if (slot === undefined) return
    const value = Buffer.from(values.get(slot) ?? slot, "utf8")
    for (let at = 0; at < value.length; at += STORED_MAX) {
      const chunk = value.subarray(at, at + STORED_MAX)
      // A stored block, not the last: header bits 000 padded to a byte, then LEN and its complement.
      const head = Buffer.alloc(5)
      head.writeUInt16LE(chunk.length, 1)
      head.writeUInt16LE(~chunk.length & 0xffff, 3)
      parts.push(head, chunk)
    }
    crc = zlib.crc32(value, crc)
    size += value.length
  })
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(size % 2 ** 32, 4)
  parts.push(LAST_BLOCK, trailer)
  return Buffer.concat(parts)
}
