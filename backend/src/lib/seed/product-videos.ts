import fs from "node:fs"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { uploadFilesWorkflow } from "@medusajs/medusa/core-flows"
import { setProductVideosWorkflow } from "../../workflows/products/set-product-videos"

type Log = (message: string) => void

const DIR = path.join(__dirname, "videos")
const FILES = [
  ["mok-prai-oil.webm", "video/webm"],
  ["mok-prai-oil-poster.png", "image/png"],
  ["mok-prai-oil.th.vtt", "text/vtt"],
  ["mok-prai-oil.en.vtt", "text/vtt"],
] as const

/**
 * The demo video of the Mok Prai oil (6 s WebM made by src/scripts/make-demo-video.ts, a poster and Thai/English
 * captions, ≈ 60 KB in all): uploaded through Medusa's file module like an admin upload, then set on the product
 * with the same workflow as the admin. Skipped when the product already has videos.
 */
export async function seedProductVideos(container: MedusaContainer, log: Log): Promise<void> {
  const products = container.resolve(Modules.PRODUCT)
  const [oil] = await products.listProducts({ handle: "mok-prai-herbal-massage-oil" }, { select: ["id", "metadata"] })
  if (!oil || Array.isArray((oil.metadata as Record<string, unknown> | null)?.videos)) return
  const { result: files } = await uploadFilesWorkflow(container).run({
    input: {
      files: FILES.map(([name, mimeType]) => ({
        filename: name,
        mimeType,
        content: fs.readFileSync(path.join(DIR, name)).toString("base64"),
        access: "public" as const,
      })),
    },
  })
  const [video, poster, th, en] = files.map((f) => f.url)
  await setProductVideosWorkflow(container).run({
    input: {
      product_id: oil.id,
      videos: [{ url: video, poster, captions: { th, en }, title: { th: "รู้จักน้ำมันนวดหมอกไพร", en: "Meet the Mok Prai oil" } }],
    },
  })
  log("uploaded the demo video of the Mok Prai oil")
}
