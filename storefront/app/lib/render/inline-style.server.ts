import crypto from "node:crypto"
// ?inline: Vite's processed CSS as text, its url()s (the font files) pointing at the built assets.
import fontFaces from "../../fonts.css?inline"
import styles from "../../styles.css?inline"

/** The stylesheet every Remix document carries in its head (inline-style.tsx). */
export const INLINE_CSS: string = `${fontFaces}\n${styles}`

/** Its CSP source expression: the page policy's style-src allows this text and no other inline style. */
export const INLINE_CSS_SOURCE = `'sha256-${crypto.createHash("sha256").update(INLINE_CSS, "utf8").digest("base64")}'`
