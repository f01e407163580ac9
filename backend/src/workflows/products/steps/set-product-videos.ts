import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import { checkProductVideos } from "@mae-mok/traceability"
import { fromCore, invalid, notFound } from "../../../lib/errors"
import { readEnv } from "../../../lib/env"

export type SetProductVideosInput = { product_id: string; videos: unknown[] }

/** Replaces a product's videos (metadata.videos) after the core's check; compensation puts the old metadata back. */
export const setProductVideosStep = createStep(
  "set-product-videos",
  async (input: SetProductVideosInput, { container }) => {
    const products = container.resolve(Modules.PRODUCT)
    const [product] = await products.listProducts({ id: input.product_id }, { select: ["id", "metadata"] })
    if (!product) throw notFound({ en: "Product", th: "สินค้า" }, input.product_id)
    const checked = checkProductVideos(input.videos, `${readEnv().backendUrl}/static`)
    if (!checked.ok) throw invalid(fromCore(checked))
    const previous = { id: product.id, metadata: product.metadata ?? null }
    await products.updateProducts(product.id, { metadata: { ...(product.metadata ?? {}), videos: checked.videos } })
    return new StepResponse(checked.videos, previous)
  },
  async (previous, { container }) => {
    if (previous) await container.resolve(Modules.PRODUCT).updateProducts(previous.id, { metadata: previous.metadata })
  }
)
