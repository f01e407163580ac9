/**
 * Rules for a herb page (issue 16, docs/decisions/0045-herb-pages.md): what a page must carry (a source for
 * every traditional use, Thai and English side by side), the health wording Thai rules allow for traditional
 * herbal products (no cure, treatment or prevention claims), and the consent rule when a page names a
 * household (a healer credited by name, or a grower in the text).
 *
 * The checks return refusals as values; the backend turns them into 4xx answers.
 */

import { aliasesContainGivenName } from "./household-privacy";

export type HerbSourceKind = "healer" | "book" | "study" | "group";
export const HERB_SOURCE_KINDS = ["healer", "book", "study", "group"] as const satisfies readonly HerbSourceKind[];

export interface HerbUse {
  th: string;
  en: string;
  source: {
    kind: HerbSourceKind;
    /** e.g. the book's title and page, the study's citation, or "ป้าแก้ว หมอพื้นบ้าน". */
    citation_th: string;
    citation_en: string;
    /** The healer's household, when the source is a member household (its consent decides the credit). */
    household_id?: string | null;
  };
}

export interface HerbPhoto {
  url: string;
  alt_th: string;
  alt_en: string;
}

export interface HerbPageInput {
  slug: string;
  name_th: string;
  name_en: string;
  /** Northern (Kham Mueang) name. */
  name_local: string | null;
  parts_th: string;
  parts_en: string;
  /** Markdown. */
  preparation_th: string;
  preparation_en: string;
  /** Markdown: cautions and who should not use it. */
  cautions_th: string;
  cautions_en: string;
  uses: HerbUse[];
  photos: HerbPhoto[];
  /** Wikidata item, e.g. Q15336521. */
  wikidata_id: string | null;
  wikipedia_url: string | null;
}

/** What the check needs to know of a household named on a page. */
export interface NamedHousehold {
  id: string;
  givenName: string | null;
  /** The romanised given name (English pages), under the same consent. */
  givenNameEn?: string | null;
  givenNameConsent: boolean;
  familyName: string | null;
}

export type HerbPageCheck =
  | { ok: true; page: HerbPageInput }
  | { ok: false; code: string; message_en: string; message_th: string; field: string };

// Claims that a herb cures, treats or prevents a disease: not allowed for a traditional herbal product.
// Traditional wording ("แก้ปวดเมื่อย", "eases aching muscles") is allowed and is what the group writes.
const CURE_CLAIMS_EN: RegExp[] = [
  /\bcur(?:e|es|ed|ing)\b/i,
  /\bheal(?:s|ed|ing)?\b/i,
  /\btreat(?:s|ed|ing|ment)?\s+(?:of\s+|for\s+)?(?:the\s+)?(?:disease|cancer|diabetes|tumou?rs?|arthritis|hypertension|paralysis|stroke|infection|covid|hiv)/i,
  /\bprevent(?:s|ed|ing|ion)?\s+(?:of\s+)?(?:the\s+)?(?:disease|cancer|diabetes|tumou?rs?|stroke|infection|covid|hiv)/i,
  /\banti-?(?:cancer|tumou?r|diabetic)\b/i,
  /\bmiracle\b/i,
  /\bguaranteed?\s+(?:results?|to\s+work|effect)/i,
  /\bremed(?:y|ies)\s+for\b/i,
];
const CURE_CLAIMS_TH: string[] = [
  "รักษาโรค",
  "รักษาให้หาย",
  "รักษาหาย",
  "หายขาด",
  "หายป่วย",
  "รักษามะเร็ง",
  "ต้านมะเร็ง",
  "ป้องกันมะเร็ง",
  "ป้องกันโรค",
  "รักษาเบาหวาน",
  "รักษาอัมพาต",
  "รักษาความดัน",
  "ยาวิเศษ",
  "ปาฏิหาริย์",
  "ได้ผล 100",
  "ได้ผลแน่นอน",
  "การันตีผล",
];

/** The cure-claim phrases found in `text` (empty when the wording is allowed). */
export function cureClaims(text: string): string[] {
  const t = text.normalize("NFC");
  const found: string[] = [];
  for (const re of CURE_CLAIMS_EN) {
    const m = t.match(re);
    if (m) found.push(m[0]);
  }
  const compact = t.replace(/[\s\u200b]+/g, "");
  for (const phrase of CURE_CLAIMS_TH) if (compact.includes(phrase.replace(/\s+/g, ""))) found.push(phrase);
  return found;
}

/** The standing note shown on every herb page, the e-book and its PDF. */
export const TRADITIONAL_KNOWLEDGE_NOTE = {
  th: "ข้อมูลนี้เป็นภูมิปัญญาพื้นบ้านที่กลุ่มรวบรวมไว้ ไม่ใช่คำแนะนำทางการแพทย์ ผลิตภัณฑ์ไม่ใช่ยารักษาโรค หากมีอาการเจ็บป่วยควรปรึกษาแพทย์หรือเภสัชกร",
  en: "This is traditional knowledge the group has collected, not medical advice. Our products are not medicines. If you are unwell, please see a doctor or pharmacist.",
} as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WIKIDATA = /^Q[1-9][0-9]*$/;

type KnowledgeRefusal = { ok: false; code: string; message_en: string; message_th: string; field: string };

function refuse(field: string, code: string, message_en: string, message_th: string): KnowledgeRefusal {
  return { ok: false, code, message_en, message_th, field };
}

function clean(value: unknown): string {
  return typeof value === "string" ? value.normalize("NFC").trim() : "";
}

/** An http(s) URL or a path on this site; anything else (javascript:, data:) is refused. */
function isSafeUrl(value: string): boolean {
  return /^https:\/\/[^\s"'<>]+$/i.test(value) || /^\/[^\s/\\"'<>][^\s\\"'<>]*$/.test(value);
}

/**
 * Checks a herb page before it is saved: required text in both languages, a source for every use, no cure
 * claims anywhere, safe photo links, and no household named without its consent (a family name, never).
 * `households` are the member households (to look for their names in the text and to check credited healers).
 */
export function checkHerbPage(input: HerbPageInput, households: readonly NamedHousehold[]): HerbPageCheck {
  const page: HerbPageInput = {
    slug: clean(input.slug),
    name_th: clean(input.name_th),
    name_en: clean(input.name_en),
    name_local: clean(input.name_local) || null,
    parts_th: clean(input.parts_th),
    parts_en: clean(input.parts_en),
    preparation_th: clean(input.preparation_th),
    preparation_en: clean(input.preparation_en),
    cautions_th: clean(input.cautions_th),
    cautions_en: clean(input.cautions_en),
    uses: (input.uses ?? []).map((u) => ({
      th: clean(u?.th),
      en: clean(u?.en),
      source: {
        kind: u?.source?.kind,
        citation_th: clean(u?.source?.citation_th),
        citation_en: clean(u?.source?.citation_en),
        household_id: clean(u?.source?.household_id) || null,
      },
    })),
    photos: (input.photos ?? []).map((p) => ({ url: clean(p?.url), alt_th: clean(p?.alt_th), alt_en: clean(p?.alt_en) })),
    wikidata_id: clean(input.wikidata_id) || null,
    wikipedia_url: clean(input.wikipedia_url) || null,
  };

  if (!SLUG.test(page.slug) || page.slug.length > 60) {
    return refuse("slug", "INVALID_SLUG", "The address must be lower-case letters, digits and dashes", "ชื่อที่อยู่หน้าเว็บต้องเป็นตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด");
  }
  const required: [keyof HerbPageInput, string, string][] = [
    ["name_th", "Thai name", "ชื่อภาษาไทย"],
    ["name_en", "English name", "ชื่อภาษาอังกฤษ"],
    ["parts_th", "parts used (Thai)", "ส่วนที่ใช้ (ไทย)"],
    ["parts_en", "parts used (English)", "ส่วนที่ใช้ (อังกฤษ)"],
    ["cautions_th", "cautions (Thai)", "ข้อควรระวัง (ไทย)"],
    ["cautions_en", "cautions (English)", "ข้อควรระวัง (อังกฤษ)"],
  ];
  for (const [field, en, th] of required) {
    if (!page[field]) return refuse(field, "REQUIRED", `The ${en} is required`, `ต้องกรอก${th}`);
  }
  if (page.wikidata_id !== null && !WIKIDATA.test(page.wikidata_id)) {
    return refuse("wikidata_id", "INVALID_WIKIDATA", "A Wikidata item looks like Q12345", "รหัส Wikidata ต้องมีรูปแบบ Q12345");
  }
  if (page.wikipedia_url !== null && !/^https:\/\/[a-z]{2,3}\.wikipedia\.org\/wiki\/[^\s"'<>]+$/.test(page.wikipedia_url)) {
    return refuse("wikipedia_url", "INVALID_URL", "The Wikipedia link must be a https://xx.wikipedia.org/wiki/… page", "ลิงก์ Wikipedia ต้องเป็นหน้า https://xx.wikipedia.org/wiki/…");
  }

  for (const [i, use] of page.uses.entries()) {
    if (!use.th || !use.en) return refuse(`uses.${i}`, "REQUIRED", "Each use needs its Thai and English text", "สรรพคุณแต่ละข้อต้องมีทั้งภาษาไทยและอังกฤษ");
    if (!HERB_SOURCE_KINDS.includes(use.source.kind)) {
      return refuse(`uses.${i}.source`, "SOURCE_REQUIRED", "Each use needs its source: healer, book, study or the group", "สรรพคุณแต่ละข้อต้องระบุที่มา: หมอพื้นบ้าน ตำรา งานวิจัย หรือกลุ่ม");
    }
    if (!use.source.citation_th || !use.source.citation_en) {
      return refuse(`uses.${i}.source`, "SOURCE_REQUIRED", "Each use needs its source written in Thai and English", "ที่มาของสรรพคุณแต่ละข้อต้องเขียนทั้งภาษาไทยและอังกฤษ");
    }
    if (use.source.household_id !== null) {
      if (use.source.kind !== "healer") {
        return refuse(`uses.${i}.source`, "INVALID_SOURCE", "Only a healer source can name a household", "เฉพาะที่มาจากหมอพื้นบ้านเท่านั้นที่ระบุครัวเรือนได้");
      }
      if (!households.some((h) => h.id === use.source.household_id)) {
        return refuse(`uses.${i}.source`, "UNKNOWN_HOUSEHOLD", "The credited household does not exist", "ไม่พบครัวเรือนที่ระบุ");
      }
    }
  }

  for (const [i, photo] of page.photos.entries()) {
    if (!isSafeUrl(photo.url)) return refuse(`photos.${i}`, "INVALID_URL", "A photo must be an https link or a path on this site", "รูปต้องเป็นลิงก์ https หรือที่อยู่บนเว็บนี้");
    if (!photo.alt_th || !photo.alt_en) return refuse(`photos.${i}`, "REQUIRED", "Each photo needs a Thai and English description", "รูปแต่ละรูปต้องมีคำบรรยายภาษาไทยและอังกฤษ");
  }

  const texts: [string, string][] = [
    ["name_th", page.name_th], ["name_en", page.name_en], ["name_local", page.name_local ?? ""],
    ["parts_th", page.parts_th], ["parts_en", page.parts_en],
    ["preparation_th", page.preparation_th], ["preparation_en", page.preparation_en],
    ["cautions_th", page.cautions_th], ["cautions_en", page.cautions_en],
    ...page.uses.flatMap((u, i): [string, string][] => [
      [`uses.${i}.th`, u.th], [`uses.${i}.en`, u.en],
      [`uses.${i}.source`, u.source.citation_th], [`uses.${i}.source`, u.source.citation_en],
    ]),
    ...page.photos.flatMap((p, i): [string, string][] => [[`photos.${i}`, p.alt_th], [`photos.${i}`, p.alt_en]]),
  ];

  const refusal = checkPublicTexts(texts, households);
  if (refusal) return refusal;

  return { ok: true, page };
}

/** One of the group's recipes as group members edit it (Markdown bodies, Thai and English side by side). */
export interface HerbRecipeInput {
  slug: string;
  title_th: string;
  title_en: string;
  /** Markdown: ingredients, method, cautions. */
  body_th: string;
  body_en: string;
  /** Where the recipe comes from (a healer, a book, the group's own practice). */
  source_th: string;
  source_en: string;
  /** Order in the knowledge book. */
  position: number;
}

export type HerbRecipeCheck = { ok: true; recipe: HerbRecipeInput } | KnowledgeRefusal;

/** Checks a recipe before it is saved: the same wording and consent rules as a herb page, a source in both languages. */
export function checkHerbRecipe(input: HerbRecipeInput, households: readonly NamedHousehold[]): HerbRecipeCheck {
  const recipe: HerbRecipeInput = {
    slug: clean(input.slug),
    title_th: clean(input.title_th),
    title_en: clean(input.title_en),
    body_th: clean(input.body_th),
    body_en: clean(input.body_en),
    source_th: clean(input.source_th),
    source_en: clean(input.source_en),
    position: Number.isInteger(input.position) && input.position >= 0 && input.position <= 10_000 ? input.position : 0,
  };
  if (!SLUG.test(recipe.slug) || recipe.slug.length > 60) {
    return refuse("slug", "INVALID_SLUG", "The address must be lower-case letters, digits and dashes", "ชื่อที่อยู่หน้าเว็บต้องเป็นตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด");
  }
  const required: [keyof HerbRecipeInput, string, string][] = [
    ["title_th", "Thai title", "ชื่อตำรับภาษาไทย"],
    ["title_en", "English title", "ชื่อตำรับภาษาอังกฤษ"],
    ["body_th", "recipe (Thai)", "เนื้อหาตำรับ (ไทย)"],
    ["body_en", "recipe (English)", "เนื้อหาตำรับ (อังกฤษ)"],
    ["source_th", "source (Thai)", "ที่มา (ไทย)"],
    ["source_en", "source (English)", "ที่มา (อังกฤษ)"],
  ];
  for (const [field, en, th] of required) {
    if (!recipe[field]) return refuse(field, "REQUIRED", `The ${en} is required`, `ต้องกรอก${th}`);
  }
  const texts: [string, string][] = (["title_th", "title_en", "body_th", "body_en", "source_th", "source_en"] as const).map((f) => [f, recipe[f]]);
  return checkPublicTexts(texts, households) ?? { ok: true, recipe };
}

/**
 * The rules every public knowledge text follows (herb pages and recipes): no cure claims, and the provenance page's
 * consent rule when a household is named. `texts` are [field, text] pairs; the first refusal found, or null.
 */
function checkPublicTexts(texts: readonly [string, string][], households: readonly NamedHousehold[]): KnowledgeRefusal | null {
  for (const [field, text] of texts) {
    const claims = cureClaims(text);
    if (claims.length > 0) {
      return refuse(
        field,
        "CURE_CLAIM",
        `Traditional herbal products may not claim to cure, treat or prevent disease: remove "${claims[0]}"`,
        `ผลิตภัณฑ์สมุนไพรพื้นบ้านอ้างว่ารักษา บำบัด หรือป้องกันโรคไม่ได้: โปรดลบคำว่า "${claims[0]}"`,
      );
    }
  }

  // The same consent rule as the provenance page: a given name only with its consent, a family name never.
  for (const h of households) {
    for (const [field, text] of texts) {
      const family = h.familyName?.trim();
      if (family && [...family].length >= 2 && text.includes(family)) {
        return refuse(field, "HOUSEHOLD_NAMED", "A household's family name is never shown in public", "ห้ามแสดงนามสกุลของครัวเรือนต่อสาธารณะ");
      }
      if (!h.givenNameConsent && aliasesContainGivenName([text], [h.givenName, h.givenNameEn])) {
        return refuse(
          field,
          "HOUSEHOLD_NAMED",
          "This text names a household that has not agreed to show its name: use its public alias",
          "ข้อความนี้ระบุชื่อครัวเรือนที่ยังไม่ยินยอมให้เปิดเผยชื่อ โปรดใช้ชื่อสาธารณะของครัวเรือนแทน",
        );
      }
    }
  }
  return null;
}

/**
 * Thai is written without spaces between words; a browser or PDF engine that does not know Thai words breaks
 * a line anywhere, even inside a word. This puts a <wbr> (a break opportunity that adds no character, so text
 * copied or extracted from the PDF stays whole) between the words found by `Intl.Segmenter`, so lines break
 * only between words. Tags and entities are left alone.
 */
export function thaiWordBreaks(html: string, locale = "th"): string {
  const segmenter = new Intl.Segmenter(locale, { granularity: "word" });
  return html.replace(/(<[^>]*>|&[#a-z0-9]+;)|([^<&]+)/gi, (_m, tag: string | undefined, text: string | undefined) => {
    if (tag) return tag;
    const plain = text ?? "";
    if (!/[\u0e00-\u0e7f]/.test(plain)) return plain;
    let out = "";
    let previousThai = false;
    for (const { segment } of segmenter.segment(plain)) {
      const thai = /^[\u0e00-\u0e7f]/.test(segment);
      if (thai && previousThai) out += "<wbr>";
      out += segment;
      previousThai = /[\u0e00-\u0e7f]$/.test(segment);
    }
    return out;
  });
}
