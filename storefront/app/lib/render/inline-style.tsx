import { createContext, useContext } from "react"

/**
 * The shop's stylesheet (app/fonts.css and app/styles.css, ~16 KB, ~5 KB compressed) goes inside each
 * document's head instead of behind two <link rel="stylesheet">: on a phone each linked sheet is one more round
 * trip before the first paint (issue 17, docs/decisions/0075-inline-stylesheet.md). entry.server.tsx provides
 * the text (inline-style.server.ts); the page policy allows exactly this text by its hash (security.server.ts).
 */
export const InlineStyleContext = createContext<string | undefined>(undefined)

const ID = "mm-style"

// The browser does not get the text a second time in the JavaScript: it keeps the one the server sent, read
// before hydration. Should React ever render the head again on the client, it writes the same text back, which
// the policy's hash still allows.
const fromPage = typeof document === "undefined" ? "" : (document.getElementById(ID)?.textContent ?? "")

export function InlineStyle() {
  const css = useContext(InlineStyleContext) ?? fromPage
  return <style id={ID} dangerouslySetInnerHTML={{ __html: css }} />
}
