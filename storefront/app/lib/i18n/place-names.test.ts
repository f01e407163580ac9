import { describe, expect, it } from "vitest"
import { areaMap } from "../provenance/area-map"
import { plain } from "./english-fallback"
import { bilingual, placeLine, placeName } from "./place-names"

const place = { village: "บ้านแม่มอก", moo: "3", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }

describe("place names for buyers (issue 15)", () => {
  it("writes a place the Thai way and the English way, romanised where known and as entered otherwise", () => {
    expect(plain(placeLine("th", place))).toBe("บ้านแม่มอก หมู่ 3 ต.แม่มอก อ.เถิน จ.ลำปาง")
    expect(plain(placeLine("en", place))).toBe("Ban Mae Mok (Moo 3), Tambon Mae Mok, Amphoe Thoen, Lampang")
    expect(placeName("en", "บ้านใหม่ที่ยังไม่มีชื่ออังกฤษ")).toEqual({ text: "บ้านใหม่ที่ยังไม่มีชื่ออังกฤษ", lang: "th" })
    expect(plain(placeLine("en", { village: null, moo: null, tambon: "แม่มอก", amphoe: null, province: null }))).toBe("Tambon Mae Mok")
  })

  it("uses the village's English entered with the record, before the list and before the Thai", () => {
    expect(placeName("en", "บ้านใหม่", "Ban Mai")).toEqual({ text: "Ban Mai", lang: "en" })
    expect(placeName("en", "บ้านแม่มอก", "  ")).toEqual({ text: "Ban Mae Mok", lang: "en" })
    expect(placeName("th", "บ้านใหม่", "Ban Mai")).toEqual({ text: "บ้านใหม่", lang: "th" })
    const line = placeLine("en", { ...place, village: "บ้านใหม่", villageEn: null })
    expect(line[0]).toEqual({ text: "บ้านใหม่", lang: "th" })
    expect(plain(line)).toBe("บ้านใหม่ (Moo 3), Tambon Mae Mok, Amphoe Thoen, Lampang")
  })

  it("reads Thai-first records with the English in brackets", () => {
    expect(bilingual("th", "เถา (stem)")).toBe("เถา")
    expect(bilingual("en", "กรมวิชาการเกษตร (Department of Agriculture)")).toBe("Department of Agriculture")
    expect(bilingual("en", "ใบ")).toBe("ใบ")
  })
})

describe("the area map", () => {
  it("marks the growers' villages, keeps every name inside the picture and carries no coordinates", () => {
    const map = areaMap(["บ้านแม่มอก", "บ้านที่ไม่มีในแผนที่"])
    expect(map.villages.filter((v) => v.here).map((v) => v.name)).toEqual(["บ้านแม่มอก"])
    for (const v of map.villages) {
      expect(v.x).toBeGreaterThan(0)
      expect(v.x).toBeLessThan(map.width)
      expect(v.y).toBeGreaterThan(0)
      expect(v.y).toBeLessThan(map.height)
      // A name written rightwards from a dot past 60 % of the width would be cut off on a phone.
      expect(v.labelLeft).toBe(v.x > map.width * 0.6)
    }
    expect(map.villages.some((v) => v.labelLeft)).toBe(true)
    // Screen units with one decimal: nothing that reads as a latitude or longitude.
    expect(JSON.stringify(map)).not.toMatch(/\d+\.\d{2,}/)
    expect(map.twoKm).toBeGreaterThan(10)
  })
})
