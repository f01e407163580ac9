import { describe, expect, it } from "vitest"
import { firstLanguage, storeFirstLanguage } from "../../backend/src/admin/lib/first-language"

// The admin's first language, stored where Medusa's dashboard looks before it starts i18next.
describe("admin first language", () => {
  it("follows the browser's first supported language, else Thai", () => {
    expect(firstLanguage(["th-TH", "en-US"])).toBe("th")
    expect(firstLanguage(["en-GB", "th"])).toBe("en")
    expect(firstLanguage(["fr-FR", "EN"])).toBe("en")
    expect(firstLanguage(["fr-FR", "de"])).toBe("th")
    expect(firstLanguage([])).toBe("th")
  })

  function fakeWindow(cookie: string, stored: string | null, languages: string[]) {
    const storage = new Map<string, string>(stored ? [["lng", stored]] : [])
    return {
      storage,
      win: {
        document: { cookie },
        localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
        navigator: { languages, language: languages[0] ?? "" },
      } as unknown as Window,
    }
  }

  it("stores it once, and never over the user's own choice (cookie or localStorage)", () => {
    const fresh = fakeWindow("", null, ["en-US"])
    storeFirstLanguage(fresh.win)
    expect(fresh.storage.get("lng")).toBe("en")
    const chosen = fakeWindow("", "th", ["en-US"])
    storeFirstLanguage(chosen.win)
    expect(chosen.storage.get("lng")).toBe("th")
    const cookie = fakeWindow("other=1; lng=en", null, ["th-TH"])
    storeFirstLanguage(cookie.win)
    expect(cookie.storage.has("lng")).toBe(false)
  })
})
