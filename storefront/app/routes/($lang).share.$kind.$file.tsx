import type { LoaderFunctionArgs } from "@remix-run/node"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { fetchShareImage } from "~/lib/catalogue/share-image.server"

// GET /share/{products|herbs}/{handle}.png (and /en/…) — the 1200 × 630 preview image of a product or herb page.
export async function loader({ params }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  return fetchShareImage(params.kind ?? "", params.file ?? "", locale)
}
