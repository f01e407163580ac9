import type { LoaderFunctionArgs } from "@remix-run/node"
import { knowledgePdf } from "~/lib/catalogue/herbs.server"
import { requireLocale } from "~/lib/i18n/i18n.server"

// GET /knowledge/pdf, /en/knowledge/pdf — the knowledge e-book as the backend prints it (Chromium, Thai font inlined).
export async function loader({ params }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const res = await knowledgePdf(locale)
  if (res.status !== 200) {
    console.error(`knowledge pdf: backend answered ${res.status}`)
    throw new Response("The PDF is not available right now", { status: 503 })
  }
  return new Response(res.body, {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="mae-mok-knowledge-${locale}.pdf"`,
      "Cache-Control": "public, max-age=300",
    },
  })
}
