import type { Locale } from "~/i18n"
import { localePath } from "~/i18n"
import { config } from "../config.server"

// The picture a shared product or herb page shows in LINE, Facebook and X previews. The backend draws it from the
// public page data (backend/src/lib/share-image) and keeps one per content stamp.

export type ShareKind = "products" | "herbs"

/** The share image's public URL for a page (what og:image says). */
export function shareImageUrl(locale: Locale, kind: ShareKind, key: string): string {
  return config.storefrontUrl + localePath(locale, `/share/${kind}/${key}.png`)
}

/** The backend's answer for one share image, passed on as it is (PNG, a redirect to the page's photo, or 404). */
export async function fetchShareImage(kind: string, file: string, locale: Locale): Promise<Response> {
  const key = file.endsWith(".png") ? file.slice(0, -4) : ""
  if ((kind !== "products" && kind !== "herbs") || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(key) || key.length > 120) {
    return new Response("Not found", { status: 404 })
  }
  const res = await fetch(`${config.medusaUrl}/store/share-images/${kind}/${key}?lang=${locale}`, {
    headers: { "x-publishable-api-key": config.publishableKey },
    redirect: "manual",
  })
  if (res.status === 200) {
    return new Response(res.body, { status: 200, headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=300" } })
  }
  const location = res.headers.get("location")
  if (res.status === 302 && location) return new Response(null, { status: 302, headers: { Location: location } })
  if (res.status === 404) return new Response("Not found", { status: 404 })
  console.error(`share image: backend answered ${res.status} for ${kind}/${key}`)
  return new Response("The share image is not available right now", { status: 503 })
}
