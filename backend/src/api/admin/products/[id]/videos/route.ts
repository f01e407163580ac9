import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setProductVideosWorkflow } from "../../../../../workflows/products/set-product-videos"
import type { Infer, ProductVideos } from "../../../validators"

// POST /admin/products/:id/videos — the product's videos: each an MP4/WebM, a poster and Thai/English WebVTT
// captions, all uploaded first with POST /admin/uploads (Medusa's file module).
export async function POST(req: MedusaRequest<Infer<typeof ProductVideos>>, res: MedusaResponse) {
  const { result } = await setProductVideosWorkflow(req.scope).run({ input: { product_id: req.params.id, videos: req.validatedBody.videos } })
  res.json({ videos: result })
}
