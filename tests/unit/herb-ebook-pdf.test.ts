import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { knowledgeBookHtml } from "../../backend/src/lib/herbs/ebook"
import type { PublicHerbAnswer } from "../../backend/src/lib/herbs/records"
import { closePdfBrowser, htmlToPdf } from "../../backend/src/lib/pdf/html-to-pdf"
import { TRADITIONAL_KNOWLEDGE_NOTE } from "../../traceability/src/core/herb-page"

// The e-book's HTML printed by Chromium and read back: Thai intact, lines broken only between words, and no
// invisible characters in the extracted text (the break opportunities are <wbr>, not zero-width spaces).

const LONG = "สมาชิกตัดเถาที่แก่จัดช่วงปลายฝนต้นหนาว ล้างดินออก หั่นเป็นแว่นบางๆ แล้วตากแดดจนแห้งสนิทก่อนเก็บใส่ถุงผ้า สำหรับน้ำมันนวด กลุ่มนำเถาแห้งไปเคี่ยวไฟอ่อนกับน้ำมันพืช"

function herb(): PublicHerbAnswer {
  return {
    herb: {
      slug: "thao-en-on",
      names: { th: "เถาเอ็นอ่อน", en: "Cryptolepis vine", local: "เครือเอ็นอ่อน", scientific: "Cryptolepis dubia" },
      parts: { th: "เถา", en: "Stem" },
      preparation: { th: LONG, en: "Slice and dry." },
      cautions: { th: "ใช้ภายนอกเท่านั้น", en: "External use only." },
      uses: [{ th: "ใช้ในน้ำมันนวดเพื่อช่วยคลายกล้ามเนื้อ", en: "Used in massage oil.", source: { kind: "healer", citation: { th: "หมอพื้นบ้าน", en: "Folk healer" }, healer: "แก้ว", healerEn: "Kaew" } }],
      photos: [],
      sameAs: [],
      plots: [],
      products: [],
    },
    html: { preparation: { th: `<p>${LONG}</p>`, en: "<p>Slice and dry.</p>" }, cautions: { th: "<p>ใช้ภายนอกเท่านั้น</p>", en: "<p>External use only.</p>" } },
    note: TRADITIONAL_KNOWLEDGE_NOTE,
  }
}

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ebook-")), "book.pdf")
  fs.writeFileSync(file, pdf)
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
}

afterAll(() => closePdfBrowser())

describe("knowledge e-book PDF", () => {
  it("reads back whole Thai words, breaks lines between words, carries the note, and adds no invisible characters", { timeout: 60_000 }, async () => {
    const html = knowledgeBookHtml([herb()], [{ slug: "oil", title: { th: "ตำรับน้ำมันนวด", en: "Oil" }, html: { th: "<p>เคี่ยวไฟอ่อน</p>", en: "<p>Simmer</p>" }, source: { th: "กลุ่ม", en: "Group" } }], "th")
    expect(html).toContain("<wbr>")
    const text = pdfText(await htmlToPdf(html))
    expect(text).not.toMatch(/[\u200b\u2060]/)
    const bare = text.replace(/\s+/g, "")
    expect(bare).toContain(LONG.replace(/\s+/g, ""))
    expect(bare).toContain(TRADITIONAL_KNOWLEDGE_NOTE.th.replace(/\s+/g, ""))
    expect(bare).toContain("แก้ว")
    // Each line of the long paragraph ends at a word boundary of the paragraph.
    const target = LONG.replace(/\s+/g, "")
    const all = text.split("\n").map((l) => l.replace(/\s+/g, ""))
    const first = all.findIndex((l) => l.length > 10 && target.startsWith(l))
    expect(first).toBeGreaterThan(-1)
    const lines: string[] = []
    for (let i = first, joined = ""; joined.length < target.length && i < all.length; i++) {
      if (!all[i]) continue
      lines.push(all[i]!)
      joined += all[i]
    }
    expect(lines.join("")).toBe(target)
    expect(lines.length).toBeGreaterThan(1)
    const ends = new Set<number>()
    let at = 0
    for (const s of new Intl.Segmenter("th", { granularity: "word" }).segment(LONG)) {
      at += s.segment.replace(/\s+/g, "").length
      ends.add(at)
    }
    let end = 0
    for (const line of lines) {
      end += line.length
      expect(ends.has(end), `line ending "${line.slice(-6)}" splits a word`).toBe(true)
    }
  })
})
