import { config } from "../config.server"

/**
 * The address a browser fetches an image from. Images the backend serves (product images, household photos) are
 * stored relative to it ("/static/products/…"), so they follow MEDUSA_BACKEND_URL, the same setting the pages'
 * Content-Security-Policy allows images from (security.server.ts): one origin for both, whatever it is changed to.
 * Absolute URLs (an image host) are left as they are.
 */
export function mediaUrl(url: string | null | undefined): string | null {
  if (!url) return null
  return url.startsWith("/") && !url.startsWith("//") ? config.medusaPublicUrl + url : url
}
