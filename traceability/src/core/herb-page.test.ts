import { describe, expect, it } from "vitest";
import { checkHerbPage, checkHerbRecipe, cureClaims, type HerbRecipeInput, type HerbPageInput, type NamedHousehold, thaiWordBreaks } from "./herb-page";
import { type HouseholdRecord, type PrivateHerbRecord, publicHerbPage } from "./public-projection";

const households: NamedHousehold[] = [
  { id: "hh_A", givenName: "แก้ว", givenNameConsent: true, familyName: "ศรีวงศ์ใจ" },
  { id: "hh_B", givenName: "บุญมี", givenNameEn: "Boonmee", givenNameConsent: false, familyName: "FAMILY-SECRET-B" },
];

function page(overrides: Partial<HerbPageInput> = {}): HerbPageInput {
  return {
    slug: "cryptolepis-dubia",
    name_th: "เถาเอ็นอ่อน",
    name_en: "Cryptolepis vine",
    name_local: "เครือเอ็นอ่อน",
    parts_th: "เถา",
    parts_en: "Stem",
    preparation_th: "หั่นเถาตากแห้ง แล้วเคี่ยวกับน้ำมันมะพร้าว",
    preparation_en: "Slice and dry the stems, then simmer them in coconut oil.",
    cautions_th: "ห้ามใช้กับแผลเปิด",
    cautions_en: "Do not use on open wounds.",
    uses: [{
      th: "ใช้นวดคลายกล้ามเนื้อตามตำรับพื้นบ้าน",
      en: "Used in massage to relax the muscles, as the healers do.",
      source: { kind: "healer", citation_th: "หมอพื้นบ้านแม่มอก", citation_en: "Mae Mok folk healer", household_id: "hh_A" },
    }],
    photos: [{ url: "/static/herbs/cryptolepis.jpg", alt_th: "เถาเอ็นอ่อน", alt_en: "Cryptolepis vine" }],
    wikidata_id: "Q5190521",
    wikipedia_url: "https://en.wikipedia.org/wiki/Cryptolepis_dubia",
    ...overrides,
  };
}

describe("cureClaims", () => {
  it("finds cure, treatment and prevention claims in Thai and English", () => {
    expect(cureClaims("This oil cures arthritis")).toEqual(["cures"]);
    expect(cureClaims("treatment of diabetes")).toHaveLength(1);
    expect(cureClaims("prevents cancer")).toHaveLength(1);
    expect(cureClaims("น้ำมันนี้รักษาโรคปวดข้อ")).toEqual(["รักษาโรค"]);
    expect(cureClaims("ใช้แล้วหาย ขาด ภายในเจ็ดวัน")).toEqual(["หายขาด"]);
    expect(cureClaims("ต้านมะเร็ง")).toEqual(["ต้านมะเร็ง"]);
  });

  it("lets traditional wording through", () => {
    expect(cureClaims("แก้ปวดเมื่อย คลายกล้ามเนื้อ")).toEqual([]);
    expect(cureClaims("Eases aching muscles after work in the fields.")).toEqual([]);
    expect(cureClaims("Treat yourself to a warm compress.")).toEqual([]);
  });
});

describe("checkHerbPage", () => {
  it("accepts a sound page and trims its text", () => {
    const r = checkHerbPage(page({ name_th: "  เถาเอ็นอ่อน " }), households);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.page.name_th).toBe("เถาเอ็นอ่อน");
  });

  it("refuses a cure claim anywhere on the page, naming the phrase", () => {
    const r = checkHerbPage(page({ preparation_en: "Rub on daily; it heals torn ligaments." }), households);
    expect(r).toMatchObject({ ok: false, code: "CURE_CLAIM", field: "preparation_en" });
    if (!r.ok) expect(r.message_en).toContain("heals");
    const th = checkHerbPage(page({ uses: [{ ...page().uses[0]!, th: "รักษาโรคเก๊าต์ได้หายขาด" }] }), households);
    expect(th).toMatchObject({ ok: false, code: "CURE_CLAIM", field: "uses.0.th" });
    if (!th.ok) expect(th.message_th).toContain("รักษาโรค");
  });

  it("needs a source for every use", () => {
    const noSource = page({ uses: [{ th: "ใช้นวด", en: "Massage", source: { kind: "rumour" as never, citation_th: "x", citation_en: "x" } }] });
    expect(checkHerbPage(noSource, households)).toMatchObject({ ok: false, code: "SOURCE_REQUIRED" });
    const noCitation = page({ uses: [{ th: "ใช้นวด", en: "Massage", source: { kind: "book", citation_th: "", citation_en: "Book" } }] });
    expect(checkHerbPage(noCitation, households)).toMatchObject({ ok: false, code: "SOURCE_REQUIRED" });
    const unknown = page({ uses: [{ ...page().uses[0]!, source: { ...page().uses[0]!.source, household_id: "hh_X" } }] });
    expect(checkHerbPage(unknown, households)).toMatchObject({ ok: false, code: "UNKNOWN_HOUSEHOLD" });
  });

  it("refuses a household's name without its consent, and a family name always", () => {
    expect(checkHerbPage(page({ preparation_th: "สูตรของลุงบุญมี" }), households)).toMatchObject({ ok: false, code: "HOUSEHOLD_NAMED" });
    expect(checkHerbPage(page({ cautions_th: "ตามคำแนะนำของป้าแก้ว" }), households).ok).toBe(true);
    expect(checkHerbPage(page({ cautions_th: "ตระกูลศรีวงศ์ใจ" }), households)).toMatchObject({ ok: false, code: "HOUSEHOLD_NAMED" });
  });

  it("refuses the romanised given name in English text under the same consent", () => {
    expect(checkHerbPage(page({ preparation_en: "Uncle boonmee's way" }), households)).toMatchObject({ ok: false, code: "HOUSEHOLD_NAMED", field: "preparation_en" });
    expect(checkHerbPage(page({ preparation_en: "As Boonmee's neighbours make it" }), [households[0]!, { ...households[1]!, givenNameConsent: true }]).ok).toBe(true);
  });

  it("refuses unsafe links and a bad slug", () => {
    expect(checkHerbPage(page({ photos: [{ url: "javascript:alert(1)", alt_th: "ก", alt_en: "a" }] }), households)).toMatchObject({ ok: false, code: "INVALID_URL" });
    expect(checkHerbPage(page({ slug: "Bad Slug" }), households)).toMatchObject({ ok: false, code: "INVALID_SLUG" });
    expect(checkHerbPage(page({ wikidata_id: "5190521" }), households)).toMatchObject({ ok: false, code: "INVALID_WIKIDATA" });
  });
});

describe("publicHerbPage", () => {
  const household = (id: string, givenName: boolean): HouseholdRecord => ({
    id, code: `CODE-${id}`, alias: `ALIAS-${id}`, village: "บ้านแม่มอก", moo: 3, tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง",
    consent: { givenName, photo: false, story: false }, givenName: `GIVEN-${id}`, givenNameEn: `GIVEN-EN-${id}`, aliasEn: `ALIAS-EN-${id}`, familyName: `FAMILY-${id}`,
    phone: `PHONE-${id}`, nationalId: `NID-${id}`, povertyStatus: `POVERTY-${id}`, income: 12345,
  });
  const record = (): PrivateHerbRecord => ({
    page: { ...page(), published: true, uses: [page().uses[0]!, { ...page().uses[0]!, source: { ...page().uses[0]!.source, household_id: "hh_B" } }] },
    species: { id: "sp_SECRET", thaiName: "เถาเอ็นอ่อน", scientificName: "Cryptolepis dubia", partUsed: "เถา" },
    households: [household("hh_A", true), household("hh_B", false)],
    plots: [
      {
        plot: { id: "plot_SECRET_1", code: "MM-P-01", householdId: "hh_A", location: { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }, lat: 17.654321, lng: 99.123456, geometry: "GEOMETRY-SECRET" },
        certifications: [{ id: "c1", plotId: "plot_SECRET_1", scheme: "TH-GAP", certificateNumber: "GAP-1", certifyingBody: "DOA", validFrom: "2026-01-01", validUntil: "2028-12-31", status: "active" }],
      },
      {
        // Only an expired certificate: not shown.
        plot: { id: "plot_SECRET_2", code: "MM-P-02", householdId: "hh_B", location: { village: "บ้านทุ่ง", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" } },
        certifications: [{ id: "c2", plotId: "plot_SECRET_2", scheme: "PGS", certificateNumber: "PGS-2", certifyingBody: "PGS", validFrom: "2024-01-01", validUntil: "2025-12-31", status: "active" }],
      },
    ],
    products: [{ handle: "mok-prai-oil", title: { th: "น้ำมันนวด", en: "Massage oil" }, thumbnail: "javascript:x" }],
    today: "2026-12-02",
  });

  it("shows only public data: aliases, village-level places, valid certificates, consented names", () => {
    const out = publicHerbPage(record());
    expect(out).not.toBeNull();
    const json = JSON.stringify(out);
    for (const secret of ["plot_SECRET", "sp_SECRET", "17.654321", "GEOMETRY-SECRET", "FAMILY-", "PHONE-", "NID-", "POVERTY-", "12345", "CODE-hh", "GIVEN-hh_B", "GIVEN-EN-hh_B", "javascript"]) {
      expect(json).not.toContain(secret);
    }
    expect(out!.plots.map((p) => p.code)).toEqual(["MM-P-01"]);
    expect(out!.plots[0]!.householdAlias).toBe("ALIAS-hh_A");
    expect(out!.uses.map((u) => u.source.healer)).toEqual(["GIVEN-hh_A", "ALIAS-hh_B"]);
    // In English: the romanised given name under the same consent, else the English alias.
    expect(out!.uses.map((u) => u.source.healerEn)).toEqual(["GIVEN-EN-hh_A", "ALIAS-EN-hh_B"]);
    expect(out!.sameAs).toEqual(["https://www.wikidata.org/wiki/Q5190521", "https://en.wikipedia.org/wiki/Cryptolepis_dubia"]);
    expect(out!.products[0]).toEqual({ handle: "mok-prai-oil", title: { th: "น้ำมันนวด", en: "Massage oil" }, thumbnail: null });
  });

  it("is null for an unpublished page", () => {
    const r = record();
    r.page.published = false;
    expect(publicHerbPage(r)).toBeNull();
  });
});

describe("thaiWordBreaks", () => {
  it("puts break opportunities between Thai words only, never inside a cluster or a tag", () => {
    const out = thaiWordBreaks('<p class="x">น้ำมันนวดสมุนไพร &amp; oil</p>');
    expect(out.startsWith('<p class="x">')).toBe(true);
    expect(out).toContain("&amp; oil</p>");
    const words = out.replace('<p class="x">', "").split(" ")[0]!.split("<wbr>");
    expect(words.length).toBeGreaterThan(1);
    expect(words.join("")).toBe("น้ำมันนวดสมุนไพร");
    // No piece starts with a combining vowel or tone mark (a broken cluster).
    for (const w of words) expect(w).not.toMatch(/^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/);
  });
});

describe("checkHerbRecipe", () => {
  const recipe = (overrides: Partial<HerbRecipeInput> = {}): HerbRecipeInput => ({
    slug: "mok-prai-oil",
    title_th: "ตำรับน้ำมันนวดหมอกไพร",
    title_en: "Mok Prai massage oil",
    body_th: "1. เคี่ยวเถาเอ็นอ่อนกับน้ำมันมะพร้าว",
    body_en: "1. Simmer Cryptolepis vine in coconut oil",
    source_th: "บันทึกของกลุ่ม",
    source_en: "The group's own notes",
    position: 1,
    ...overrides,
  });

  it("accepts a recipe with both languages and a source, trimmed", () => {
    const r = checkHerbRecipe(recipe({ title_th: "  ตำรับน้ำมันนวดหมอกไพร " }), households);
    expect(r).toMatchObject({ ok: true, recipe: { title_th: "ตำรับน้ำมันนวดหมอกไพร", position: 1 } });
  });

  it("refuses a missing source, a bad address, cure claims and names without consent", () => {
    expect(checkHerbRecipe(recipe({ source_en: " " }), households)).toMatchObject({ ok: false, code: "REQUIRED", field: "source_en" });
    expect(checkHerbRecipe(recipe({ slug: "Mok Prai" }), households)).toMatchObject({ ok: false, code: "INVALID_SLUG" });
    expect(checkHerbRecipe(recipe({ body_en: "It cures arthritis." }), households)).toMatchObject({ ok: false, code: "CURE_CLAIM", field: "body_en" });
    expect(checkHerbRecipe(recipe({ source_th: "สูตรของลุงบุญมี" }), households)).toMatchObject({ ok: false, code: "HOUSEHOLD_NAMED", field: "source_th" });
    // a consented given name may be credited
    expect(checkHerbRecipe(recipe({ source_th: "ป้าแก้ว หมอพื้นบ้าน" }), households)).toMatchObject({ ok: true });
  });
});
