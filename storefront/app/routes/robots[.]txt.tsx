import { config } from "~/lib/config.server"

// Carts, checkout and accounts are per person; provenance pages (/01/…) stay crawlable so their noindex is seen.
export function loader() {
  const privatePaths = ["/cart", "/checkout", "/account", "/order/"].flatMap((p) => [`Disallow: ${p}`, `Disallow: /en${p}`])
  const body = ["User-agent: *", ...privatePaths, "", `Sitemap: ${config.storefrontUrl}/sitemap.xml`, ""].join("\n")
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } })
}
