import { useEffect, useRef, useState } from "react"
import type { VideoView } from "~/lib/catalogue/catalogue.server"
import type { Locale, Translate } from "~/i18n"

/**
 * A product's short clips. Nothing is loaded until the visitor asks: the page carries only a button (no poster,
 * no preload), so the page weight stays; the click creates the player, which starts with its captions on and
 * plays because it was asked to. Without JavaScript the button is a plain link to the file.
 */
export function ProductVideos({ videos, locale, t }: { videos: VideoView[]; locale: Locale; t: Translate }) {
  const [open, setOpen] = useState<number | null>(null)
  if (videos.length === 0) return null
  return (
    <section aria-labelledby="videos-h" className="product-videos">
      <h2 id="videos-h">{t("video.heading")}</h2>
      {videos.map((v, i) =>
        open === i ? (
          <Player key={v.url} video={v} locale={locale} t={t} />
        ) : (
          <p key={v.url}>
            <a
              href={v.url}
              className="button video-play"
              data-video={i}
              onClick={(e) => {
                e.preventDefault()
                setOpen(i)
              }}
            >
              ▶ {t("video.play")}: {v.title}
            </a>
          </p>
        )
      )}
    </section>
  )
}

function Player({ video, locale, t }: { video: VideoView; locale: Locale; t: Translate }) {
  const ref = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    void ref.current?.play().catch(() => undefined)
  }, [])
  return (
    <video ref={ref} controls playsInline preload="auto" poster={video.poster} width={640} height={360} className="product-video" aria-label={video.title}>
      <source src={video.url} type={video.type} />
      <track kind="captions" srcLang="th" label="ไทย" src={video.captions.th} default={locale === "th"} />
      <track kind="captions" srcLang="en" label="English" src={video.captions.en} default={locale === "en"} />
      {t("video.unsupported")}
    </video>
  )
}
