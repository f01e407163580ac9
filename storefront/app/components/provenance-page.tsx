import type { PublicPlace, PublicProvenance, ScanVerdict } from "@mae-mok/traceability"
import type { Locale, Translate } from "~/i18n"

/**
 * The page a buyer sees after scanning a label. A complete HTML document rendered on the server without any
 * script: it must read well on a cheap phone over rural 3G, with JavaScript off.
 */
export type ProvenancePageProps = {
  locale: Locale
  t: Translate
  stylesheets: string[]
  shopHref: string
  switchHref: string
  formatDate: (date: string) => string
  view:
    | { kind: "provenance"; provenance: PublicProvenance; scan: ScanVerdict | null; linksetHref: string; epcisHref: string; herbHrefs?: Record<string, string> }
    | { kind: "unknown_serial"; scan: ScanVerdict | null; message: string; lotHref: string; lot: string }
    | { kind: "unknown_lot" }
    | { kind: "bad_link" }
    | { kind: "too_many"; retryAfterSeconds: number }
    | { kind: "unavailable" }
}

const kg = (n: number) => (Math.round(n * 100) / 100).toLocaleString("en-US")

function placeLine(locale: Locale, p: PublicPlace): string {
  const parts =
    locale === "th"
      ? [p.moo && `หมู่ ${p.moo}`, p.village, p.tambon && `ต.${p.tambon}`, p.amphoe && `อ.${p.amphoe}`, p.province && `จ.${p.province}`]
      : [[p.moo && `Moo ${p.moo}`, p.village].filter(Boolean).join(" "), p.tambon && `Tambon ${p.tambon}`, p.amphoe, p.province]
  return parts.filter(Boolean).join(locale === "th" ? " " : ", ")
}

function Verdict({ scan, locale, t }: { scan: ScanVerdict; locale: Locale; t: Translate }) {
  const bad = scan.kind === "unknown_serial" || scan.kind === "lot_mismatch" || scan.suspicious
  return (
    <section className={bad ? "verdict warn" : "verdict ok"} aria-labelledby="verdict-h" role={bad ? "alert" : undefined}>
      <h2 id="verdict-h">{t("prov.verdict")}</h2>
      <p>{locale === "th" ? scan.message_th : scan.message_en}</p>
    </section>
  )
}

function Provenance({ p, scan, locale, t, formatDate, herbHrefs }: { p: PublicProvenance; scan: ScanVerdict | null; locale: Locale; t: Translate; formatDate: (d: string) => string; herbHrefs: Record<string, string> }) {
  const harvestDates = (plotCode: string) =>
    [...new Set(p.harvests.filter((h) => h.plotCode === plotCode).map((h) => h.harvestedOn))].sort().map(formatDate).join(", ")
  const shares = Object.entries(p.totals.certifiedPercent).filter(([, percent]) => percent > 0)
  return (
    <>
      {p.recall ? (
        <section className="recall" role="alert" aria-labelledby="recall-h">
          <h2 id="recall-h">{t("prov.recallTitle")}</h2>
          {p.recall.reason ? <p>{t("prov.recallReason", { reason: p.recall.reason })}</p> : null}
          {p.recall.recalledAt ? <p>{t("prov.recallDate", { date: formatDate(p.recall.recalledAt.slice(0, 10)) })}</p> : null}
          <p>{t("prov.recallContact")}</p>
        </section>
      ) : null}
      <h1>
        {locale === "en" ? p.product.title.en || p.product.title.th : p.product.title.th} <span className="muted">{p.product.variantTitle}</span>
      </h1>
      {scan ? <Verdict scan={scan} locale={locale} t={t} /> : null}
      <dl className="facts">
        <dt>{t("prov.lot")}</dt>
        <dd>{p.batch.lot}</dd>
        <dt>{t("prov.producedOn")}</dt>
        <dd>{formatDate(p.batch.producedOn)}</dd>
        {p.batch.bestBefore ? (
          <>
            <dt>{t("prov.bestBefore")}</dt>
            <dd>{formatDate(p.batch.bestBefore)}</dd>
          </>
        ) : null}
        <dt>{t("prov.status")}</dt>
        <dd>{t(`prov.status.${p.batch.status}` as const)}</dd>
      </dl>

      <section className="balance" aria-labelledby="balance-h">
        <h2 id="balance-h">{t("prov.balance")}</h2>
        <p>{t("prov.balanceSummary", { kg: kg(p.totals.kg), households: p.totals.households, plots: p.totals.plots })}</p>
        {p.growerShare && p.growerShare.kind !== "none" ? (
          <p className="grower-share" data-testid="grower-share">
            {locale === "en" ? p.growerShare.message_en : p.growerShare.message_th}
          </p>
        ) : null}
        <ul>
          {shares.map(([scheme, percent]) => (
            <li key={scheme}>{t("prov.certifiedShare", { percent, scheme })}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="herbs-h">
        <h2 id="herbs-h">{t("prov.herbs")}</h2>
        <ul className="plain">
          {p.herbs.map((h) => (
            <li key={h.scientificName}>
              <strong>{herbHrefs[h.scientificName] ? <a href={herbHrefs[h.scientificName]}>{h.thaiName}</a> : h.thaiName}</strong> (<i lang="la">{h.scientificName}</i>) · {h.partUsed} · {t("prov.herbLine", { kg: kg(h.kg), percent: h.percent })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="plots-h">
        <h2 id="plots-h">{t("prov.plots")}</h2>
        <ul className="plain cards">
          {p.plots.map((plot) => (
            <li key={plot.code} id={`plot-${plot.code}`}>
              <h3>{t("prov.plotOf", { code: plot.code, household: plot.householdAlias })}</h3>
              <p className="muted">{placeLine(locale, plot.place)}</p>
              <p>
                <i lang="la">{plot.herbs.join(", ")}</i> · {t("prov.herbLine", { kg: kg(plot.kg), percent: plot.percent })}
              </p>
              {harvestDates(plot.code) ? <p>{t("prov.harvestedOn", { dates: harvestDates(plot.code) })}</p> : null}
              {plot.certifications.length ? (
                <ul>
                  {plot.certifications.map((c) => (
                    <li key={`${c.scheme}:${c.certificateNumber}`}>
                      {t("prov.certValid", {
                        scheme: c.scheme,
                        number: c.certificateNumber,
                        body: c.certifyingBody,
                        from: formatDate(c.validFrom),
                        until: formatDate(c.validUntil),
                      })}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t("prov.noCert")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="households-h">
        <h2 id="households-h">{t("prov.households")}</h2>
        <ul className="plain cards">
          {p.households.map((h) => (
            <li key={h.alias}>
              {h.photoUrl ? (
                <img src={h.photoUrl} alt={t("prov.photoOf", { name: h.givenName ?? h.alias })} width={96} height={96} loading="lazy" />
              ) : null}
              <h3>
                {h.alias}
                {h.givenName ? ` · ${h.givenName}` : ""}
              </h3>
              <p className="muted">{placeLine(locale, h.place)}</p>
              <p>{t("prov.householdShare", { kg: kg(h.kg), percent: h.percent })}</p>
              {h.story ? <p>{h.story}</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}

export function ProvenancePage({ locale, t, stylesheets, shopHref, switchHref, formatDate, view }: ProvenancePageProps) {
  const title =
    view.kind === "provenance"
      ? `${locale === "en" ? view.provenance.product.title.en || view.provenance.product.title.th : view.provenance.product.title.th} – ${t("prov.lot")} ${view.provenance.batch.lot}`
      : view.kind === "unknown_serial"
        ? t("prov.unknownTitle")
        : view.kind === "unknown_lot"
          ? t("prov.unknownLotTitle")
          : view.kind === "bad_link"
            ? t("prov.badLinkTitle")
            : view.kind === "too_many"
              ? t("prov.tooManyTitle")
              : t("prov.unavailableTitle")
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} | ${t("site.name")}`}</title>
        <meta name="description" content={t("prov.title")} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
      </head>
      <body>
        <header className="site-header">
          <div className="site-header-inner">
            <a href={shopHref} className="brand">
              {t("site.name")}
            </a>
            <a href={switchHref} hrefLang={locale === "th" ? "en" : "th"} aria-label={t("lang.switchLabel")}>
              {t("lang.switch")}
            </a>
          </div>
        </header>
        <main className="provenance">
          <p className="muted">{t("prov.title")}</p>
          {view.kind === "provenance" ? (
            <>
              <Provenance p={view.provenance} scan={view.scan} locale={locale} t={t} formatDate={formatDate} herbHrefs={view.herbHrefs ?? {}} />
              <section aria-labelledby="machine-h" className="muted">
                <h2 id="machine-h">{t("prov.machine")}</h2>
                <ul className="plain">
                  <li>
                    <a href={view.linksetHref}>{t("prov.linkset")}</a>
                  </li>
                  <li>
                    <a href={view.epcisHref}>{t("prov.epcis")}</a>
                  </li>
                </ul>
              </section>
            </>
          ) : view.kind === "unknown_serial" ? (
            <section className="verdict warn" role="alert" aria-labelledby="unknown-h">
              <h1 id="unknown-h">{t("prov.unknownTitle")}</h1>
              <p>{view.message}</p>
              <p>
                <a href={view.lotHref}>{t("prov.seeLot", { lot: view.lot })}</a>
              </p>
            </section>
          ) : view.kind === "unknown_lot" ? (
            <section className="verdict warn" role="alert" aria-labelledby="unknown-h">
              <h1 id="unknown-h">{t("prov.unknownLotTitle")}</h1>
              <p>{t("prov.unknownLotText")}</p>
            </section>
          ) : view.kind === "bad_link" ? (
            // Plain words only: which part broke GS1 syntax is for machines (the linkset JSON says it).
            <section className="verdict warn" aria-labelledby="unknown-h">
              <h1 id="unknown-h">{t("prov.badLinkTitle")}</h1>
              <p>{t("prov.badLinkText")}</p>
            </section>
          ) : view.kind === "too_many" ? (
            <section className="verdict warn" aria-labelledby="unknown-h">
              <h1 id="unknown-h">{t("prov.tooManyTitle")}</h1>
              <p>{t("prov.tooManyText", { minutes: Math.max(1, Math.ceil(view.retryAfterSeconds / 60)) })}</p>
            </section>
          ) : (
            <h1>{t("prov.unavailableTitle")}</h1>
          )}
          <p>
            <a href={shopHref}>{t("prov.shop")}</a>
          </p>
        </main>
        <footer className="site-footer">
          <p>{t("footer.privacy")}</p>
          <p>{t("footer.contact")}</p>
        </footer>
      </body>
    </html>
  )
}
