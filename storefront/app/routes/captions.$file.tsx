import { isWebVtt } from "@mae-mok/traceability"
import type { LoaderFunctionArgs } from "@remix-run/node"
import { config } from "~/lib/config.server"

// GET /captions/:file — a product video's WebVTT captions from the backend's file store, served from the shop's
// own origin (a <track> must be same-origin or CORS) and only when the file really is WebVTT.
export async function loader({ params }: LoaderFunctionArgs) {
  const file = params.file ?? ""
  if (!/^[A-Za-z0-9._-]+\.vtt$/.test(file)) throw new Response("Not found", { status: 404 })
  const res = await fetch(`${config.medusaUrl}/static/${file}`)
  const text = res.status === 200 ? await res.text() : ""
  if (!isWebVtt(text) || text.length > 200_000) throw new Response("Not found", { status: 404 })
  return new Response(text, { headers: { "Content-Type": "text/vtt; charset=utf-8", "Cache-Control": "public, max-age=3600" } })
}
