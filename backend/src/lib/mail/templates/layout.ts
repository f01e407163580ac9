/// <reference path="../../../types/mjml.d.ts" />
import { convert } from "html-to-text"
import mjml2html from "mjml"
import type { MailSettings } from "../settings"

export type Lang = "th" | "en"

/** Text for HTML: every value a template puts into markup goes through this. */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

/** An amount in baht as the shop writes it: ฿1,250.00. */
export function baht(amount: number | string | null | undefined): string {
  const n = Number(amount ?? 0)
  return `฿${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

/** One paragraph of body text. */
export function para(html: string): string {
  return `<mj-text>${html}</mj-text>`
}

/** A button with the link also written out (mail readers that block buttons still show it). */
export function button(label: string, href: string): string {
  return `<mj-button href="${esc(href)}" background-color="#2f6b3a" color="#ffffff" font-size="16px">${esc(label)}</mj-button>
<mj-text font-size="12px" color="#555555"><a href="${esc(href)}">${esc(href)}</a></mj-text>`
}

/** Rows of label / value (already escaped HTML). */
export function table(rows: [string, string][]): string {
  // The hidden ": " and line break are for the plain-text part (html-to-text reads them; mail readers hide them).
  const trs = rows
    .map(
      ([k, v]) =>
        `<tr><td style="padding:4px 8px 4px 0;color:#555">${k}<span style="display:none">: </span></td><td style="padding:4px 0">${v}<br style="display:none" /></td></tr>`
    )
    .join("")
  return `<mj-table>${trs}</mj-table>`
}

export type Rendered = { subject: string; html: string; text: string }

/**
 * The one frame of every message: the shop's name on top, the body, and the contact (phone, LINE) in the footer.
 * MJML makes HTML that mail readers show alike (tables, inlined styles); the plain-text part is read from it.
 */
export async function frame(settings: MailSettings, lang: Lang, subject: string, body: string): Promise<Rendered> {
  const name = settings.shopName[lang]
  const contact = [
    settings.phone ? `${lang === "th" ? "โทร" : "Phone"} ${esc(settings.phone)}` : null,
    settings.line ? `LINE ${esc(settings.line)}` : null,
    esc(settings.shopEmail),
  ]
    .filter(Boolean)
    .join(" · ")
  const mjml = `<mjml lang="${lang}">
  <mj-head>
    <mj-title>${esc(subject)}</mj-title>
    <mj-attributes><mj-all font-family="Sarabun, Tahoma, 'Noto Sans Thai', sans-serif" /><mj-text font-size="15px" line-height="1.6" /></mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f1ea">
    <mj-section><mj-column><mj-text font-size="20px" font-weight="bold" color="#2f6b3a">${esc(name)}</mj-text></mj-column></mj-section>
    <mj-section background-color="#ffffff"><mj-column>${body}</mj-column></mj-section>
    <mj-section><mj-column>
      <mj-divider border-width="1px" border-color="#cccccc" />
      <mj-text font-size="12px" color="#555555">${esc(name)}<br />${contact}</mj-text>
    </mj-column></mj-section>
  </mj-body>
</mjml>`
  const { html, errors } = await mjml2html(mjml, { validationLevel: "soft" })
  if (errors.length > 0) throw new Error(`mail template "${subject}": ${errors.map((e) => e.formattedMessage ?? e.message).join("; ")}`)
  const text = convert(html, {
    wordwrap: 100,
    selectors: [
      { selector: "img", format: "skip" },
      // A link written out as its own text appears once.
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ],
  })
  return { subject, html, text }
}
