import fs from "node:fs"
import { createRequire } from "node:module"

/**
 * Sarabun (SIL Open Font License, the npm package @fontsource/sarabun) as @font-face rules with the fonts inlined,
 * for printable documents: they look the same and print Thai correctly on any server, whatever fonts it has.
 * Thai and Latin subsets, regular and bold (~60 KB).
 */
let css: string | null = null

export function thaiFontCss(family = "Sarabun"): string {
  if (css) return css.replaceAll("Sarabun", family)
  const require = createRequire(__filename)
  const faces: string[] = []
  for (const weight of [400, 700]) {
    for (const [subset, range] of [
      ["thai", "U+0E01-0E5B, U+200C-200D, U+25CC"],
      ["latin", "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, U+2122, U+2212, U+2215, U+FEFF, U+FFFD"],
    ] as const) {
      const file = require.resolve(`@fontsource/sarabun/files/sarabun-${subset}-${weight}-normal.woff2`)
      const data = fs.readFileSync(file).toString("base64")
      faces.push(
        `@font-face{font-family:"Sarabun";font-style:normal;font-weight:${weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${range}}`
      )
    }
  }
  css = faces.join("\n")
  return css.replaceAll("Sarabun", family)
}
