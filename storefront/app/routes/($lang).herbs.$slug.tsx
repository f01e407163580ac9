import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { ShareLinks } from "~/components/share-links"
import { localePath } from "~/i18n"
import { config } from "~/lib/config.server"
import { getHerb } from "~/lib/catalogue/herbs.server"
import { loaderCacheControl, pageCacheHeaders } from "~/lib/render/http-cache.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { seo } from "~/lib/render/seo"
import { shareImageUrl } from "~/lib/catalogue/share-image.server"
import { useI18n } from "~/lib/i18n/use-i18n"
import { Say, shown } from "~/lib/i18n/english-fallback"
import { placeLine } from "~/lib/i18n/place-names"

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const answer = await getHerb(params.slug ?? "")
  if (!answer) throw new Response("Not found", { status: 404 })
  return data({ ...answer, origin: config.storefrontUrl, locale, shareImage: shareImageUrl(locale, "herbs", answer.herb.slug) }, { headers: pageCacheHeaders(context) })
}

export const headers = loaderCacheControl

/** A reading page: no JavaScript (root.tsx). */
export const handle = { scripts: false }

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return []
  const { herb, locale, origin } = data
  const title = `${herb.names[locale]} (${herb.names.scientific}) | ${locale === "en" ? "Mae Mok Herbs" : "สมุนไพรแม่มอก"}`
  const description = herb.uses[0]?.[locale] ?? herb.parts[locale]
  return seo({ origin, locale, path: `/herbs/${herb.slug}`, title, description, image: herb.photos[0]?.url ?? null, shareImage: data.shareImage, type: "website" })
}

export default function HerbPage() {
  const { herb, html, note, origin, locale } = useLoaderData<typeof loader>()
  const { t, lp } = useI18n()
  const other = locale === "th" ? "en" : "th"
  const url = origin + localePath(locale, `/herbs/${herb.slug}`)
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: herb.names[locale],
    inLanguage: locale,
    url,
    about: { "@type": "Thing", name: herb.names.scientific, alternateName: [herb.names.th, herb.names.en, herb.names.local].filter(Boolean), sameAs: herb.sameAs },
    publisher: { "@type": "Organization", name: locale === "en" ? "Mae Mok herbal community enterprise" : "วิสาหกิจชุมชนสมุนไพรแม่มอก" },
    image: herb.photos.map((p) => p.url),
  }
  return (
    <main className="herb-page">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }} />
      <p className="standing-note" role="note">
        {note[locale]}
      </p>
      <h1>
        {herb.names[locale]} <small lang={other}>{herb.names[other]}</small>
      </h1>
      <dl className="herb-names">
        <dt>{t("herb.scientificName")}</dt>
        <dd>
          <i lang="la">{herb.names.scientific}</i>
        </dd>
        {herb.names.local ? (
          <>
            <dt>{t("herb.localName")}</dt>
            <dd lang="th">{herb.names.local}</dd>
          </>
        ) : null}
        <dt>{t("herb.parts")}</dt>
        <dd>{herb.parts[locale]}</dd>
      </dl>

      {herb.photos.length ? (
        <section aria-label={t("herb.photos")} className="herb-photos">
          {herb.photos.map((p, i) => (
            <img key={p.url} src={p.url} alt={p.alt[locale]} width={480} height={360} loading={i === 0 ? "eager" : "lazy"} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="uses-h">
        <h2 id="uses-h">{t("herb.uses")}</h2>
        <ul className="herb-uses">
          {herb.uses.map((u, i) => (
            <li key={i}>
              {u[locale]}
              <br />
              <small className="muted">
                {t("herb.source")}: {t(`herb.source.${u.source.kind}`)} — {u.source.citation[locale]}
                {u.source.healer ? (
                  <>
                    {` · ${t("herb.toldBy")} `}
                    <Say locale={locale} value={shown(locale, u.source.healer, u.source.healerEn)} />
                  </>
                ) : null}
              </small>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="prep-h">
        <h2 id="prep-h">{t("herb.preparation")}</h2>
        {/* Markdown rendered and sanitised by the backend (markdown-it without raw HTML, then sanitize-html). */}
        <div dangerouslySetInnerHTML={{ __html: html.preparation[locale] }} />
      </section>

      <section aria-labelledby="cautions-h" className="herb-cautions">
        <h2 id="cautions-h">{t("herb.cautions")}</h2>
        <div dangerouslySetInnerHTML={{ __html: html.cautions[locale] }} />
      </section>

      <section aria-labelledby="plots-h">
        <h2 id="plots-h">{t("herb.plots")}</h2>
        {herb.plots.length ? (
          <ul className="plain">
            {herb.plots.map((p) => (
              <li key={p.code}>
                <strong><Say locale={locale} value={shown(locale, p.householdAlias, p.householdAliasEn)} /></strong> · <Say locale={locale} value={placeLine(locale, p.place)} /> ·{" "}
                {p.certifications.map((c) => `${c.scheme} ${c.certificateNumber}`).join(", ")}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("herb.noPlots")}</p>
        )}
      </section>

      {herb.products.length ? (
        <section aria-labelledby="products-h">
          <h2 id="products-h">{t("herb.products")}</h2>
          <ul className="plain">
            {herb.products.map((p) => (
              <li key={p.handle}>
                <Link to={lp(`/products/${p.handle}`)}>{p.title[locale]}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p>
        <Link to={lp("/knowledge")}>{t("nav.knowledge")}</Link>
      </p>
      <ShareLinks url={url} t={t} />
      <p className="standing-note" role="note">
        {note[locale]}
      </p>
    </main>
  )
}
