import { execFileSync } from "node:child_process"
import fs from "node:fs"
import http from "node:http"
import os from "node:os"
import path from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { closePdfBrowser, htmlToPdf } from "../../backend/src/lib/pdf/html-to-pdf"
import { thaiFontCss } from "../../backend/src/lib/pdf/thai-font"

const THAI = "น้ำมันนวดสมุนไพรหมอกไพร ผลิตจากเถาเอ็นอ่อน ผักเสี้ยนผี และเพชรสังฆาต ที่ปลูกในแปลงที่ได้รับการรับรองมาตรฐานของครัวเรือนในตำบลแม่มอก อำเภอเถิน จังหวัดลำปาง"

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdf-")), "doc.pdf")
  fs.writeFileSync(file, pdf)
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
}

afterAll(() => closePdfBrowser())

describe("htmlToPdf", () => {
  it("prints Thai text that pdftotext reads back intact, broken between words in a narrow column", async () => {
    const html = `<!doctype html><html lang="th"><head><style>${thaiFontCss()} body{font-family:Sarabun;font-size:14pt;width:60mm}</style></head><body><p>${THAI}</p></body></html>`
    const pdf = await htmlToPdf(html)
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-")
    const text = pdfText(pdf)
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean)
    expect(lines.length).toBeGreaterThan(3)
    // Every word of the paragraph comes back whole (sara am, tone marks above vowels), and no line starts or ends
    // inside a word: joined back together the lines are the paragraph.
    const words = [...new Intl.Segmenter("th", { granularity: "word" }).segment(THAI)].filter((s) => s.isWordLike).map((s) => s.segment)
    for (const word of words) expect(text.replace(/\s+/g, "")).toContain(word)
    expect(lines.join("").replace(/\s+/g, "")).toBe(THAI.replace(/\s+/g, ""))
    // Each line ends where a word ends (offsets counted without spaces).
    const bare = THAI.replace(/\s+/g, "")
    const wordEnds = new Set<number>()
    let offset = 0
    for (const s of new Intl.Segmenter("th", { granularity: "word" }).segment(THAI)) {
      offset += s.segment.replace(/\s+/g, "").length
      wordEnds.add(offset)
    }
    let end = 0
    for (const line of lines) {
      end += line.replace(/\s+/g, "").length
      expect(wordEnds.has(end), `line ending "${line.slice(-6)}" splits a word of "${bare}"`).toBe(true)
    }
  })

  it("loads nothing the caller did not allow", async () => {
    let hits = 0
    const server = http.createServer((_req, res) => {
      hits++
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as { port: number }
    try {
      await htmlToPdf(`<img src="http://127.0.0.1:${port}/tracker.png">`)
      expect(hits).toBe(0)
      await htmlToPdf(`<img src="http://127.0.0.1:${port}/ok.png">`, { allowOrigins: [`http://127.0.0.1:${port}`] })
      expect(hits).toBe(1)
    } finally {
      server.close()
    }
  })
})
