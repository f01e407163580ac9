import { thaiWordBreaks, TRADITIONAL_KNOWLEDGE_NOTE } from "@mae-mok/traceability"
import { thaiFontCss } from "../pdf/thai-font"
import type { PublicHerbAnswer, PublicRecipe } from "./records"

export type BookLanguage = "th" | "en"

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

const SOURCE_KIND = {
  th: { healer: "หมอพื้นบ้าน", book: "ตำรา", study: "งานวิจัย", group: "บันทึกของกลุ่ม" },
  en: { healer: "Folk healer", book: "Book", study: "Study", group: "Group records" },
} as const

const WORDS = {
  th: {
    title: "ภูมิปัญญาสมุนไพรแม่มอก", subtitle: "สมุนไพรและตำรับของวิสาหกิจชุมชนกลุ่มสมุนไพรแม่มอก อำเภอเถิน จังหวัดลำปาง",
    herbs: "สมุนไพร", recipes: "ตำรับ", parts: "ส่วนที่ใช้", uses: "การใช้ตามภูมิปัญญา", preparation: "การเตรียม",
    cautions: "ข้อควรระวัง", local: "ชื่อท้องถิ่น", source: "ที่มา", healer: "ผู้ให้ข้อมูล",
  },
  en: {
    title: "Mae Mok herbal knowledge", subtitle: "Herbs and recipes of the Mae Mok herbal community enterprise, Thoen, Lampang",
    herbs: "Herbs", recipes: "Recipes", parts: "Parts used", uses: "Traditional uses", preparation: "Preparation",
    cautions: "Cautions", local: "Local name", source: "Source", healer: "Told by",
  },
} as const

/**
 * The knowledge e-book as one printable HTML document (A4): every published herb page, then the recipes, with
 * the standing note on the cover. Thai text gets break opportunities between words (Intl.Segmenter), so the
 * PDF never breaks a line inside a word; the Thai font is inlined.
 */
export function knowledgeBookHtml(herbs: PublicHerbAnswer[], recipes: PublicRecipe[], lang: BookLanguage): string {
  const w = WORDS[lang]
  const note = TRADITIONAL_KNOWLEDGE_NOTE[lang]
  const herbSections = herbs.map(({ herb, html }) => `
<section class="herb" id="herb-${esc(herb.slug)}">
  <h2>${esc(herb.names[lang])} <small><i>${esc(herb.names.scientific)}</i></small></h2>
  ${lang === "en" ? `<p class="alt">${esc(herb.names.th)}</p>` : `<p class="alt">${esc(herb.names.en)}</p>`}
  ${herb.names.local ? `<p><b>${w.local}:</b> ${esc(herb.names.local)}</p>` : ""}
  <p><b>${w.parts}:</b> ${esc(herb.parts[lang])}</p>
  <h3>${w.uses}</h3>
  <ul>${herb.uses.map((u) => `<li>${esc(u[lang])} <span class="src">(${w.source}: ${esc(SOURCE_KIND[lang][u.source.kind])} — ${esc(u.source.citation[lang])}${u.source.healer ? `; ${w.healer} ${esc(lang === "en" ? (u.source.healerEn ?? u.source.healer) : u.source.healer)}` : ""})</span></li>`).join("")}</ul>
  <h3>${w.preparation}</h3>
  ${html.preparation[lang]}
  <h3>${w.cautions}</h3>
  <div class="cautions">${html.cautions[lang]}</div>
</section>`).join("")
  const recipeSections = recipes.map((r) => `
<section class="recipe" id="recipe-${esc(r.slug)}">
  <h2>${esc(r.title[lang])}</h2>
  ${r.html[lang]}
  <p class="src">${w.source}: ${esc(r.source[lang])}</p>
</section>`).join("")

  const body = `
<header class="cover">
  <h1>${w.title}</h1>
  <p>${w.subtitle}</p>
  <p class="note">${esc(note)}</p>
</header>
<h2 class="part">${w.herbs}</h2>
${herbSections}
<h2 class="part">${w.recipes}</h2>
${recipeSections}
<footer><p class="note">${esc(note)}</p></footer>`

  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${w.title}</title><style>
${thaiFontCss()}
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Sarabun, sans-serif; font-size: 12pt; line-height: 1.6; color: #1f2a1c; }
h1 { font-size: 26pt; margin: 0 0 4mm; color: #2f5d2a; }
h2 { font-size: 17pt; color: #2f5d2a; margin: 8mm 0 2mm; break-after: avoid; }
h2.part { border-bottom: 1px solid #2f5d2a; }
h3 { font-size: 13pt; margin: 4mm 0 1mm; break-after: avoid; }
.herb, .recipe { break-inside: auto; }
.herb + .herb, .recipe + .recipe { break-before: page; }
.alt { margin-top: 0; color: #555; }
.src { color: #555; font-size: 10pt; }
.note { border: 1px solid #b88a2a; background: #fff8e6; padding: 3mm; font-size: 11pt; }
.cautions { border-left: 3px solid #b84a2a; padding-left: 3mm; }
.cover { margin-bottom: 6mm; }
</style></head><body>${thaiWordBreaks(body)}</body></html>`
}
