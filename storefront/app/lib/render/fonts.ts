// The shop's font files (Sarabun, shipped with the app): one stylesheet of @font-face rules (app/fonts.css,
// font-display: optional) and the two regular faces every page shows first, preloaded with the HTML.
import sarabunLatin400 from "@fontsource/sarabun/files/sarabun-latin-400-normal.woff2?url"
import sarabunThai400 from "@fontsource/sarabun/files/sarabun-thai-400-normal.woff2?url"
import fontFaces from "~/fonts.css?url"

export const FONT_STYLESHEET: string = fontFaces
export const FONT_PRELOADS: readonly string[] = [sarabunThai400, sarabunLatin400]
