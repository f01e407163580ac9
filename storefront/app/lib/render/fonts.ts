// The shop's font files (Sarabun, shipped with the app): one stylesheet of @font-face rules (app/fonts.css,
// font-display: optional; inline in shop pages, linked from scan pages) and the Thai and Latin faces every page
// shows first, regular and bold, preloaded with the HTML (decision 0075: found only at the first layout, the bold
// ones often came too late for `optional`).
import sarabunLatin400 from "@fontsource/sarabun/files/sarabun-latin-400-normal.woff2?url"
import sarabunThai400 from "@fontsource/sarabun/files/sarabun-thai-400-normal.woff2?url"
import sarabunLatin700 from "@fontsource/sarabun/files/sarabun-latin-700-normal.woff2?url"
import sarabunThai700 from "@fontsource/sarabun/files/sarabun-thai-700-normal.woff2?url"
import fontFaces from "~/fonts.css?url"

export const FONT_STYLESHEET: string = fontFaces
export const FONT_PRELOADS: readonly string[] = [sarabunThai400, sarabunLatin400, sarabunThai700, sarabunLatin700]
