// @ts-check (plain JavaScript that node runs as it is, type-checked through JSDoc: npm run typecheck)
// A stored page filled in for one visitor (page-cache.js) differs from the next visitor's only in its stand-ins
// (nonce, CSRF token, header). Compressing the whole page for every answer cost more than the rest of serving
// it, so the page is split at its stand-ins once and each piece deflated once; an answer is those pieces with
// the visitor's values between them as uncompressed ("stored") deflate blocks, in one gzip member (RFC 1951,
// 1952). Each piece is compressed on its own and ends on a byte boundary (a full flush), so it refers back to
// nothing before it and any bytes may follow it. Only the compressed pieces are kept: the member's CRC-32 is
// put together from each piece's own CRC (`crcOfBoth`), so no piece is ever inflated to answer.
import zlib from "node:zlib"

/**
 * A text cut at its stand-ins: piece i, then the value of `slots[i]`, then piece i + 1 …; per piece its deflate
 * bytes (ending on a byte boundary), its length and its CRC-32.
 * @typedef {{ deflated: Buffer[], lengths: number[], crcs: number[], slots: string[], bytes: number }} Template
 */

const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
// The last block: empty, marked final (what zlib ends an empty input with).
const LAST_BLOCK = zlib.deflateRawSync(Buffer.alloc(0))
const STORED_MAX = 0xffff

// CRC-32 over GF(2), as zlib's crc32_combine: a 32 × 32 bit matrix is 32 columns (the image of each bit), and the
// CRC of A followed by B is shift(len(B)) applied to crc(A), xor crc(B).
/** @type {(mat: number[], vec: number) => number} */
function times(mat, vec) {
  let sum = 0
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= /** @type {number} */ (mat[i])
  return sum >>> 0
}
/** @type {(a: number[], b: number[]) => number[]} a after b */
const compose = (a, b) => b.map((column) => times(a, column))
// ZEROS[k] appends 2^k zero bytes: one zero bit is the reflected polynomial for bit 0 and a shift for the
// others, squared three times for a byte, then once more for each k.
const ZEROS = (() => {
  let op = Array.from({ length: 32 }, (_, n) => (n === 0 ? 0xedb88320 : 1 << (n - 1)))
  for (let i = 0; i < 3; i++) op = compose(op, op)
  const ops = [op]
  for (let k = 1; k < 32; k++) ops.push(compose(/** @type {number[]} */ (ops[k - 1]), /** @type {number[]} */ (ops[k - 1])))
  return ops
})()

/** CRC-32 of A followed by B, from crc(A), crc(B) and len(B). @type {(crcA: number, crcB: number, lengthB: number) => number} */
function crcOfBoth(crcA, crcB, lengthB) {
  let crc = crcA
  for (let k = 0, n = lengthB; n > 0; k++, n = Math.floor(n / 2)) if (n % 2) crc = times(/** @type {number[]} */ (ZEROS[k]), crc)
  return (crc ^ crcB) >>> 0
}

/** @type {(s: string) => string} */
const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")

/**
 * Each piece deflated on its own, through one compressor: a full flush after each piece ends it on a byte
 * boundary and forgets what came before (a value of any length goes between). One compressor a page, not one a
 * piece: each holds a few hundred KB that the allocator is slow to give back.
 * @param {Buffer[]} pieces
 * @returns {Promise<Buffer[]>}
 */
async function deflateEach(pieces) {
  const deflate = zlib.createDeflateRaw()
  /** @type {Buffer[]} */
  let out = []
  deflate.on("data", (chunk) => out.push(chunk))
  try {
    /** @type {Buffer[]} */
    const deflated = []
    for (const piece of pieces) {
      deflate.write(piece)
      await new Promise((resolve) => deflate.flush(zlib.constants.Z_FULL_FLUSH, () => resolve(undefined)))
      deflated.push(Buffer.concat(out))
      out = []
    }
    return deflated
  } finally {
    deflate.close()
  }
}

/**
 * Whether a client takes gzip, from its Accept-Encoding (only then are the compressed pieces sent as they are).
 * @param {string | null | undefined} acceptEncoding
 */
export const takesGzip = (acceptEncoding) => /\bgzip\b/.test(acceptEncoding ?? "")

/**
 * @param {string} text
 * @param {string[]} standIns
 * @returns {Promise<Template>}
 */
export async function templateOf(text, standIns) {
  /** @type {Buffer[]} */
  const pieces = []
  /** @type {string[]} */
  const slots = []
  const pattern = new RegExp(standIns.map(escaped).join("|"), "g")
  // The stand-in itself, not the match: a match is a slice that keeps the whole text alive (V8's sliced strings),
  // and a stored page would hold its ~50 KB text beside its compressed pieces.
  const own = new Map(standIns.map((s) => [s, s]))
  let from = 0
  for (const match of text.matchAll(pattern)) {
    pieces.push(Buffer.from(text.slice(from, match.index), "utf8"))
    slots.push(/** @type {string} */ (own.get(match[0])))
    from = /** @type {number} */ (match.index) + match[0].length
  }
  pieces.push(Buffer.from(text.slice(from), "utf8"))
  const deflated = await deflateEach(pieces)
  const bytes = deflated.reduce((sum, d) => sum + d.length, 0) + pieces.length * 16 + slots.length * 32
  return { deflated, lengths: pieces.map((p) => p.length), crcs: pieces.map((p) => zlib.crc32(p)), slots, bytes }
}

/**
 * The text with each slot's value (a slot without one keeps its stand-in), for a client that takes no gzip.
 * @param {Template} template
 * @param {Map<string, string>} values
 */
export function filledText(template, values) {
  /** @type {Buffer[]} */
  const parts = []
  template.deflated.forEach((deflated, i) => {
    parts.push(zlib.inflateRawSync(deflated, { finishFlush: zlib.constants.Z_SYNC_FLUSH }))
    const slot = template.slots[i]
    if (slot !== undefined) parts.push(Buffer.from(values.get(slot) ?? slot, "utf8"))
  })
  return Buffer.concat(parts)
}

/**
 * The same as `gzip(filledText(template, values))`, compressing only the values (stored as they are), in parts
 * to write one after the other (the pieces are not copied).
 * @param {Template} template
 * @param {Map<string, string>} values
 * @returns {Buffer[]}
 */
export function filledGzipParts(template, values) {
  /** @type {Buffer[]} */
  const parts = [HEADER]
  let crc = 0
  let size = 0
  template.deflated.forEach((deflated, i) => {
    parts.push(deflated)
    crc = crcOfBoth(crc, /** @type {number} */ (template.crcs[i]), /** @type {number} */ (template.lengths[i]))
    size += /** @type {number} */ (template.lengths[i])
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
  return parts
}
