import v8 from "node:v8"
import vm from "node:vm"
import zlib from "node:zlib"
import { describe, expect, it } from "vitest"
import { filledGzipParts, filledText, templateOf } from "../../storefront/filled-gzip.js"

// A stored page cut at its stand-ins, put together per visitor without compressing the whole page again
// (storefront/filled-gzip.js): what it sends must be exactly the page with the visitor's values, gzipped.

const NONCE = "n0nce-stand-in"
const TOKEN = "/t0ken-stand-in"
const page = `<!DOCTYPE html><html lang="th"><head><script nonce="${NONCE}">1</script></head><body><h1>น้ำมันหมอนวดมอกไพร</h1>` +
  `<form><input value="${TOKEN}"></form>${"<p>สมุนไพรจากแปลงที่ได้รับรอง</p>".repeat(200)}<script nonce="${NONCE}">2</script></body></html>`
/** The answer as the client receives it: the parts one after the other. */
const filledGzip = (...args: Parameters<typeof filledGzipParts>) => Buffer.concat(filledGzipParts(...args))
const expected = (values: Map<string, string>) => page.split(NONCE).join(values.get(NONCE)).split(TOKEN).join(values.get(TOKEN))

describe("a filled-in page, gzipped from pieces deflated once", () => {
  it("gunzips to the page with this visitor's values, and is as small as gzipping it whole, give or take", async () => {
    const template = await templateOf(page, [NONCE, TOKEN])
    expect(template.slots).toEqual([NONCE, TOKEN, NONCE])
    for (const values of [new Map([[NONCE, "abc"], [TOKEN, "ทดสอบ-token"]]), new Map([[NONCE, ""], [TOKEN, "x".repeat(70_000)]])]) {
      const gz = filledGzip(template, values)
      expect(zlib.gunzipSync(gz).toString("utf8")).toBe(expected(values))
      expect(filledText(template, values).toString("utf8")).toBe(expected(values))
      // A stream decoder that stops at the end of the member (as browsers' do) reads the same.
      expect(zlib.gunzipSync(gz, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString("utf8")).toBe(expected(values))
    }
    const small = new Map([[NONCE, "abc"], [TOKEN, "tok"]])
    expect(filledGzip(template, small).length).toBeLessThan(zlib.gzipSync(expected(small)).length * 1.5)
  })

  it("keeps a page without stand-ins whole, and leaves a slot without a value as it was", async () => {
    const plain = await templateOf("<p>no stand-ins</p>", [NONCE])
    expect(plain.slots).toEqual([])
    expect(zlib.gunzipSync(filledGzip(plain, new Map())).toString()).toBe("<p>no stand-ins</p>")
    const one = await templateOf(`a${NONCE}b`, [NONCE])
    expect(zlib.gunzipSync(filledGzip(one, new Map())).toString()).toBe(`a${NONCE}b`)
  })

  it("keeps only the compressed pieces, not the page's text (a stand-in found in it is a slice that would hold it)", async () => {
    v8.setFlagsFromString("--expose-gc")
    const gc = vm.runInNewContext("gc") as () => void
    const kept = []
    gc()
    const before = process.memoryUsage().heapUsed
    // 200 different pages of ~50 000 characters (two bytes each, Thai): 20 MB if the texts stayed.
    const long = page + "<p>สมุนไพรจากแปลงที่ได้รับรอง</p>".repeat(1300)
    for (let i = 0; i < 200; i++) kept.push(await templateOf(`${i}${long}`, [NONCE, TOKEN]))
    gc()
    const grown = process.memoryUsage().heapUsed - before
    expect(kept).toHaveLength(200)
    expect(grown).toBeLessThan(4 * 1024 * 1024)
  })
})
