import { thaiFontCss } from "../pdf/thai-font"

export type ShareLanguage = "th" | "en"

/** What a share card shows: public page data only (the same the page itself shows). */
export type ShareCard = {
  lang: ShareLanguage
  title: string
  /** The name in the other language, or the scientific name. */
  alternate: string | null
  alternateIsLatin?: boolean
  detail: string | null
  price: string | null
  /** An absolute URL on the backend's origin, or null. */
  photo: string | null
  /** The shop's host, printed at the bottom so a preview says where it leads. */
  site: string
}

/** Open Graph's recommended size: previews on LINE and Facebook crop it the least. */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

/** The share card as one HTML document, for Chromium to draw at SHARE_IMAGE_SIZE. */
export function shareCardHtml(card: ShareCard): string {
  const group = card.lang === "en" ? "Mae Mok herbal community enterprise · Thoen, Lampang" : "วิสาหกิจชุมชนสมุนไพรแม่มอก อ.เถิน จ.ลำปาง"
  const photo = card.photo
    ? `<div class="photo"><img src="${esc(card.photo)}" alt=""></div>`
    : `<div class="photo empty" aria-hidden="true"><svg viewBox="0 0 100 100"><path d="M50 92C28 70 18 48 30 22c14 8 22 24 20 70zm0 0c22-22 32-44 20-70-14 8-22 24-20 70z" fill="#7fa36a"/></svg></div>`
  return `<!doctype html><html lang="${card.lang}"><head><meta charset="utf-8"><style>
${thaiFontCss()}
html, body { margin: 0; width: ${SHARE_IMAGE_SIZE.width}px; height: ${SHARE_IMAGE_SIZE.height}px; overflow: hidden; }
body { font-family: Sarabun, sans-serif; background: #f6f1e4; color: #1f2a1c; display: grid; grid-template-columns: 520px 1fr; }
.photo { background: #fff; display: flex; align-items: center; justify-content: center; }
.photo img { width: 520px; height: 630px; object-fit: cover; }
.photo.empty svg { width: 260px; height: 260px; }
.text { padding: 56px 56px 40px; display: flex; flex-direction: column; }
/* long names and texts are cut with an ellipsis rather than pushed out of the picture */
h1, .detail { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
h1 { font-size: 64px; line-height: 1.2; margin: 0 0 12px; color: #2f5d2a; -webkit-line-clamp: 3; }
.alt { font-size: 34px; margin: 0 0 20px; color: #4a5a42; }
.alt.latin { font-style: italic; }
.detail { font-size: 30px; margin: 0; color: #333; -webkit-line-clamp: 2; }
.price { font-size: 56px; font-weight: 700; margin: 24px 0 0; color: #8a3b12; }
footer { margin-top: auto; border-top: 4px solid #2f5d2a; padding-top: 16px; font-size: 26px; }
footer b { display: block; font-size: 30px; color: #2f5d2a; }
</style></head><body>
${photo}
<div class="text">
  <h1>${esc(card.title)}</h1>
  ${card.alternate && card.alternate !== card.title ? `<p class="alt${card.alternateIsLatin ? " latin" : ""}">${esc(card.alternate)}</p>` : ""}
  ${card.detail ? `<p class="detail">${esc(card.detail)}</p>` : ""}
  ${card.price ? `<p class="price">${esc(card.price)}</p>` : ""}
  <footer><b>${esc(group)}</b>${esc(card.site)}</footer>
</div>
</body></html>`
}
