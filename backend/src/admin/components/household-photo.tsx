import { Button, Text, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { ApiError, api, localizedMessage } from "../lib/api"
import { keys } from "../lib/queries"
import type { Household } from "../lib/types"
import { useT } from "../lib/use-t"
import { FormError } from "./form"

const MAX_SIDE = 1280

/**
 * The photo re-drawn at most 1280 px wide or high as a JPEG: a phone photo of several MB becomes ~200 KB for
 * buyers on rural 3G, its orientation is applied, and its metadata (EXIF GPS position) is left behind. The
 * server strips metadata again, for uploads that do not come through this form.
 */
async function shrink(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement("canvas")
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob"))), "image/jpeg", 0.85))
}

/** A household's photo: what is stored (the admin sees it whatever the consent), upload and removal. */
export function HouseholdPhoto(props: { household: Household }) {
  const h = props.household
  const { t, language } = useT()
  const client = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const path = `/admin/households/${encodeURIComponent(h.id)}/photo`
  const done = async (message: string) => {
    await client.invalidateQueries({ queryKey: keys.households })
    toast.success(message)
  }
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (err) {
      setError(err instanceof ApiError ? localizedMessage(err, language) : t("household.photoUnreadable"))
    } finally {
      setBusy(false)
    }
  }
  const upload = (file: File) =>
    run(async () => {
      const photo = await shrink(file)
      const res = await fetch(path, { method: "POST", credentials: "include", headers: { "content-type": photo.type }, body: photo })
      const json = await res.json().catch(() => ({}))
      if (!res.ok) throw new ApiError(language.startsWith("th") && json.message_th ? json.message_th : json.message ?? `HTTP ${res.status}`, res.status, json.type, json.code)
      await done(t("household.photoSaved"))
    })
  const remove = () =>
    run(async () => {
      await api(path, { method: "DELETE" })
      await done(t("household.photoRemoved"))
    })
  return (
    <div className="flex flex-col gap-y-3" data-testid="household-photo">
      <Text size="small" className="text-ui-fg-subtle">
        {t("household.photoHint")}
      </Text>
      {h.photo_url ? (
        <div className="flex flex-wrap items-center gap-3">
          {/* The file name changes with every upload, so it keys the admin's copy too. */}
          <img src={`${path}?v=${encodeURIComponent(h.photo_url.split("/").pop()!)}`} alt={t("household.photo")} width={96} height={96} className="rounded-md object-cover" />
          <Text size="small">{h.consent.photo ? t("household.photoPublic") : t("household.photoPrivate")}</Text>
        </div>
      ) : (
        <Text size="small">{t("household.photoNone")}</Text>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <label className="txt-compact-small-plus bg-ui-button-neutral shadow-buttons-neutral cursor-pointer rounded-md px-3 py-1.5">
          {t("household.photoChoose")}
          <input
            type="file"
            accept="image/jpeg,image/png"
            className="sr-only"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ""
              if (file) void upload(file)
            }}
          />
        </label>
        {h.photo_url && (
          <Button type="button" variant="secondary" size="small" isLoading={busy} onClick={() => void remove()}>
            {t("household.photoRemove")}
          </Button>
        )}
      </div>
      <FormError message={error} />
    </div>
  )
}
