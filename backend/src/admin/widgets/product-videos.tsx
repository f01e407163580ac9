import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct } from "@medusajs/framework/types"
import { Button, Text, toast } from "@medusajs/ui"
import { useState, type FormEvent } from "react"
import type { ProductVideo } from "@mae-mok/traceability"
import { Field, Form, SubmitRow, TextField } from "../components/form"
import { Section } from "../components/section"
import { api } from "../lib/api"
import { useT } from "../lib/use-t"

/** Uploads files with Medusa's file module (POST /admin/uploads) and answers their URLs in the same order. */
async function upload(files: File[]): Promise<string[]> {
  const body = new FormData()
  for (const f of files) body.append("files", f)
  const res = await fetch("/admin/uploads", { method: "POST", body, credentials: "include" })
  const json = (await res.json().catch(() => ({}))) as { files?: { url: string }[]; message?: string }
  if (res.status !== 200 || !json.files) throw new Error(json.message ?? `upload failed (${res.status})`)
  return json.files.map((f) => f.url)
}

/** On a product's page: its short clips (MP4/WebM) with a poster and Thai/English WebVTT captions. */
const ProductVideosWidget = ({ data }: { data: AdminProduct }) => {
  const { t } = useT()
  const [videos, setVideos] = useState<ProductVideo[]>(((data.metadata as { videos?: ProductVideo[] } | null)?.videos ?? []) as ProductVideo[])
  const [files, setFiles] = useState<{ video?: File; poster?: File; th?: File; en?: File }>({})
  const [title, setTitle] = useState({ th: "", en: "" })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; messageTh?: string } | null>(null)

  const save = async (next: unknown[]) => {
    const { videos: saved } = await api<{ videos: ProductVideo[] }>(`/admin/products/${data.id}/videos`, { method: "POST", body: { videos: next } })
    setVideos(saved)
  }
  const add = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    if (!files.video || !files.poster || !files.th || !files.en) return setError({ message: t("video.filesRequired"), messageTh: t("video.filesRequired") })
    setBusy(true)
    try {
      const [url, poster, th, en] = await upload([files.video, files.poster, files.th, files.en])
      await save([...videos, { url, poster, captions: { th, en }, title }])
      toast.success(t("video.saved"))
      setFiles({})
      setTitle({ th: "", en: "" })
      ;(e.target as HTMLFormElement).reset()
    } catch (err) {
      setError(err as { message: string; messageTh?: string })
    } finally {
      setBusy(false)
    }
  }
  const file = (key: keyof typeof files, label: string, accept: string) => (
    <Field id={`video-${key}`} label={label}>
      <input id={`video-${key}`} type="file" accept={accept} onChange={(e) => setFiles((f) => ({ ...f, [key]: e.target.files?.[0] }))} />
    </Field>
  )

  return (
    <Section title={t("video.title")}>
      <Text size="small" className="text-ui-fg-subtle">{t("video.hint")}</Text>
      <ul className="flex flex-col gap-2" data-testid="product-videos">
        {videos.map((v, i) => (
          <li key={v.url} className="flex flex-wrap items-center gap-2">
            <Text size="small">{v.title.th} · {v.title.en}</Text>
            <Button type="button" size="small" variant="secondary" onClick={() => void save(videos.filter((_, j) => j !== i)).catch((err) => setError(err))}>
              {t("video.remove")}
            </Button>
          </li>
        ))}
      </ul>
      <Form onSubmit={add} className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {file("video", t("video.file"), "video/mp4,video/webm")}
        {file("poster", t("video.poster"), "image/jpeg,image/png,image/webp")}
        {file("th", t("video.captionsTh"), ".vtt,text/vtt")}
        {file("en", t("video.captionsEn"), ".vtt,text/vtt")}
        <TextField id="video-title-th" lang="th" label={t("video.titleTh")} value={title.th} onChange={(th) => setTitle((x) => ({ ...x, th }))} required />
        <TextField id="video-title-en" lang="en" label={t("video.titleEn")} value={title.en} onChange={(en) => setTitle((x) => ({ ...x, en }))} required />
        <SubmitRow error={error} busy={busy} label={t("video.add")} className="md:col-span-2" />
      </Form>
    </Section>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductVideosWidget
