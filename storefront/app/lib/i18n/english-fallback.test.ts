import { createElement } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import { describe, expect, it } from "vitest"
import { plain, Say, shown } from "./english-fallback"

const html = (value: Parameters<typeof Say>[0]["value"], locale: "th" | "en" = "en") => renderToStaticMarkup(createElement(Say, { locale, value }))

describe("the English fallback rule (issue 15, decision 0068)", () => {
  it("shows the English on the English page when one was entered", () => {
    expect(shown("en", "แก้ว", "Kaew")).toEqual({ text: "Kaew", lang: "en" })
    expect(shown("en", "แก้ว", "  Kaew ")).toEqual({ text: "Kaew", lang: "en" })
  })

  it("falls back to the Thai as entered, marked Thai, when the English is empty", () => {
    expect(shown("en", "แก้ว", null)).toEqual({ text: "แก้ว", lang: "th" })
    expect(shown("en", "แก้ว", undefined)).toEqual({ text: "แก้ว", lang: "th" })
    expect(shown("en", "แก้ว", "   ")).toEqual({ text: "แก้ว", lang: "th" })
  })

  it("always shows the Thai on the Thai page", () => {
    expect(shown("th", "แก้ว", "Kaew")).toEqual({ text: "แก้ว", lang: "th" })
  })

  it("marks a fallback with lang=\"th\" on the English page and nothing else", () => {
    expect(html(shown("en", "แก้ว", null))).toBe('<span lang="th">แก้ว</span>')
    expect(html(shown("en", "แก้ว", "Kaew"))).toBe("Kaew")
    expect(html(shown("th", "แก้ว", "Kaew"), "th")).toBe("แก้ว")
    expect(html(["Plot of ", shown("en", "สวนใหม่", null), ", Lampang"])).toBe('Plot of <span lang="th">สวนใหม่</span>, Lampang')
  })

  it("gives plain words for attributes", () => {
    expect(plain(shown("en", "แก้ว", "Kaew"))).toBe("Kaew")
    expect(plain(["Tambon ", shown("en", "แม่มอก", null)])).toBe("Tambon แม่มอก")
  })
})
