import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { contentVersion } from "../../../lib/content-version"

// GET /store/content-version — a stamp of everything the public pages show; the storefront polls it and
// drops its caches when it changes (docs/decisions/0011-page-caching-and-scan-batching.md).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.setHeader("Cache-Control", "no-store")
  res.json({ version: await contentVersion(req.scope) })
}
