import MarkdownIt from "markdown-it"
import sanitizeHtml from "sanitize-html"

/**
 * Herb pages and recipes are written in Markdown by group members (docs/decisions/0045-herb-pages.md).
 * markdown-it with `html: false` turns raw HTML into text and refuses javascript:/data: links; sanitize-html
 * then keeps only the few tags a page needs, so what reaches the shop can never run a script or pull in a
 * third-party resource.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false })

const ALLOWED = {
  allowedTags: ["p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "blockquote", "a", "code", "hr"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["https"],
  allowProtocolRelative: false,
  transformTags: {
    // Headings start at h3: the page's own h1/h2 keep their place in the outline.
    h1: "h3",
    h2: "h3",
    h5: "h4",
    h6: "h4",
    a: (tagName: string, attribs: Record<string, string>) => ({ tagName, attribs: { ...attribs, rel: "nofollow noopener" } }),
  },
} satisfies sanitizeHtml.IOptions

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(md.render(markdown ?? ""), { ...ALLOWED, allowedAttributes: { a: ["href", "rel"] } })
}
