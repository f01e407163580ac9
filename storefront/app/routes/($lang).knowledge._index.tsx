import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { config } from "~/lib/config.server"
import { getKnowledge } from "~/lib/catalogue/herbs.server"
import { loaderCacheControl, pageCacheHeaders } from "~/lib/render/http-cache.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { seo } from "~/lib/render/seo"
import { Say, shown } from "~/lib/i18n/english-fallback"
import { useI18n } from "~/lib/i18n/use-i18n"

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { locale, t } = requireLocale(params)
  const book = await getKnowledge()
  return data(
    { ...book, seo: { origin: config.storefrontUrl, locale, title: t("knowledge.title"), description: t("knowledge.intro") } },
    { headers: pageCacheHeaders(context) }
  )
}

export const headers = loaderCacheControl

/** A reading page: no JavaScript (root.tsx). */
export const handle = { scripts: false }

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? seo({ ...data.seo, path: "/knowledge" }) : [])

/** The knowledge e-book: every herb page, then the recipes, readable on a phone and printable as it is. */
export default function Knowledge() {
  const { herbs, recipes, note } = useLoaderData<typeof loader>()
  const { t, lp, locale } = useI18n()
  const other = locale === "th" ? "en" : "th"
  return (
    <main className="knowledge-book">
      <h1>{t("knowledge.title")}</h1>
      <p>{t("knowledge.intro")}</p>
      <p className="standing-note" role="note">
        {note[locale]}
      </p>
      <p className="no-print">
        <a href={lp("/knowledge/pdf")} download>
          {t("knowledge.pdf")}
        </a>{" "}
        · <a href={`${other === "en" ? "/en" : ""}/knowledge/pdf`} download>{t("knowledge.pdfOther")}</a>
      </p>
      <nav aria-labelledby="contents-h" className="no-print">
        <h2 id="contents-h">{t("knowledge.contents")}</h2>
        <ol>
          {herbs.map(({ herb }) => (
            <li key={herb.slug}>
              <a href={`#herb-${herb.slug}`}>{herb.names[locale]}</a>
            </li>
          ))}
          {recipes.map((r) => (
            <li key={r.slug}>
              <a href={`#recipe-${r.slug}`}>{r.title[locale]}</a>
            </li>
          ))}
        </ol>
      </nav>
      <h2>{t("knowledge.herbs")}</h2>
      {herbs.map(({ herb, html }) => (
        <section key={herb.slug} id={`herb-${herb.slug}`} className="book-section">
          <h3>
            <Link to={lp(`/herbs/${herb.slug}`)}>{herb.names[locale]}</Link> <i lang="la">{herb.names.scientific}</i>
          </h3>
          <p>
            <strong>{t("herb.parts")}:</strong> {herb.parts[locale]}
          </p>
          <h4>{t("herb.uses")}</h4>
          <ul>
            {herb.uses.map((u, i) => (
              <li key={i}>
                {u[locale]}{" "}
                <small className="muted">
                  ({t("herb.source")}: {t(`herb.source.${u.source.kind}`)} — {u.source.citation[locale]}
                  {u.source.healer ? (
                  <>
                    {` · ${t("herb.toldBy")} `}
                    <Say locale={locale} value={shown(locale, u.source.healer, u.source.healerEn)} />
                  </>
                ) : null})
                </small>
              </li>
            ))}
          </ul>
          <h4>{t("herb.preparation")}</h4>
          <div dangerouslySetInnerHTML={{ __html: html.preparation[locale] }} />
          <h4>{t("herb.cautions")}</h4>
          <div className="herb-cautions" dangerouslySetInnerHTML={{ __html: html.cautions[locale] }} />
        </section>
      ))}
      <h2>{t("knowledge.recipes")}</h2>
      {recipes.map((r) => (
        <section key={r.slug} id={`recipe-${r.slug}`} className="book-section">
          <h3>{r.title[locale]}</h3>
          <div dangerouslySetInnerHTML={{ __html: r.html[locale] }} />
          <p className="muted">
            {t("herb.source")}: {r.source[locale]}
          </p>
        </section>
      ))}
      <p className="standing-note" role="note">
        {note[locale]}
      </p>
    </main>
  )
}
