import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { config } from "~/lib/config.server"
import { listHerbs } from "~/lib/catalogue/herbs.server"
import { loaderCacheControl, pageCacheHeaders } from "~/lib/render/http-cache.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { mediaUrl } from "~/lib/medusa/media.server"
import { seo } from "~/lib/render/seo"
import { useI18n } from "~/lib/i18n/use-i18n"

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { locale, t } = requireLocale(params)
  const herbs = (await listHerbs()).map((h) => ({ ...h, photo: h.photo ? { ...h.photo, url: mediaUrl(h.photo.url) ?? h.photo.url } : null }))
  return data(
    { herbs, seo: { origin: config.storefrontUrl, locale, title: t("herbs.title"), description: t("herbs.intro") } },
    { headers: pageCacheHeaders(context) }
  )
}

export const headers = loaderCacheControl

/** A reading page: no JavaScript (root.tsx). */
export const handle = { scripts: false }

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? seo({ ...data.seo, path: "/herbs" }) : [])

/** Every herb the group grows, each leading to its page; the knowledge book holds them all in one. */
export default function Herbs() {
  const { herbs } = useLoaderData<typeof loader>()
  const { t, lp, locale } = useI18n()
  const other = locale === "th" ? "en" : "th"
  return (
    <main className="herb-page">
      <h1>{t("herbs.title")}</h1>
      <p>{t("herbs.intro")}</p>
      <ul className="herb-list">
        {herbs.map((h) => (
          <li key={h.slug}>
            <Link to={lp(`/herbs/${h.slug}`)} reloadDocument>
              {h.photo ? <img src={h.photo.url} alt={h.photo.alt[locale]} width={96} height={96} loading="lazy" /> : null}
              <span>
                <b>{h.names[locale]}</b> <span lang={other}>{h.names[other]}</span>
                <br />
                <i lang="la">{h.names.scientific}</i>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <Link to={lp("/knowledge")} reloadDocument>
          {t("herbs.book")}
        </Link>
      </p>
    </main>
  )
}
