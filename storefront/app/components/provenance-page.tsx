import type { PublicCertification, PublicHerb, PublicProvenance, ScanVerdict } from "@mae-mok/traceability"
import type { Locale, MessageKey, Translate } from "~/i18n"
import { ContactLine, type ShopContact } from "~/components/contact-line"
import { areaMap } from "~/lib/provenance/area-map"
import { counted } from "~/lib/i18n/format"
import { bilingual, bilingualShown, placeLine, placeName } from "~/lib/i18n/place-names"
import { plain, Say, sentence, shown } from "~/lib/i18n/english-fallback"

/**
 * The page a buyer sees after scanning a label. A complete HTML document rendered on the server without any
 * script: it must read well on a cheap phone over rural 3G, with JavaScript off. Written for a buyer, not for
 * the group: plain words, no plot codes, no internal terms.
 */

/** The "report a suspicious label" form's state on this page. */
export type ReportState =
  | { kind: "form"; action: string; values?: Record<string, string>; error?: string }
  | { kind: "sent" }

/**
 * Where a lot's page, rendered once for every scan of its units, takes each scan's own parts as text the route
 * replaces (01.$.tsx): the verdict and the timeline's "sold" line. Random per process, so no content matches.
 */
export type ScanSlots = { verdict: string; sold: string }

export type ProvenancePageProps = {
  locale: Locale
  t: Translate
  stylesheets: string[]
  shopHref: string
  switchHref: string
  formatDate: (date: string) => string
  formatMonth: (date: string) => string
  contact: ShopContact
  /** Per scheme: where a buyer checks a certificate with its issuer ("{number}" is replaced), or null. */
  certificateCheck: Record<string, string | null>
  report?: ReportState | null
  view:
    | {
        kind: "provenance"
        provenance: PublicProvenance
        /** The variant's title in the page's language (the catalogue's English one on /en). */
        variantTitle?: string
        scan: ScanVerdict | null
        /** Render the scan's parts as these stand-ins instead (a page for every scan of the lot). */
        slots?: ScanSlots
        linksetHref: string
        epcisHref: string
        herbHrefs?: Record<string, string>
      }
    | { kind: "unknown_serial"; scan: ScanVerdict | null; message: string; lotHref: string; lot: string }
    | { kind: "unknown_lot" }
    | { kind: "bad_link" }
    | { kind: "too_many"; retryAfterSeconds: number }
    | { kind: "unavailable" }
}

const KG = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 })
const kg = (n: number) => KG.format(Math.round(n * 100) / 100)

type VerdictTone = "ok" | "warn" | "stop"

/** What the scan means for the buyer: a headline, what the count means, and when to worry. */
function verdictWords(scan: ScanVerdict, recalled: boolean, t: Translate, formatDate: (d: string) => string): { tone: VerdictTone; title: string; meaning: string; worry: string | null } {
  if (recalled) return { tone: "stop", title: t("prov.v.recalledTitle"), meaning: t("prov.v.recalledMeaning"), worry: null }
  if (scan.kind === "lot_mismatch") return { tone: "warn", title: t("prov.v.mismatchTitle"), meaning: t("prov.v.mismatchMeaning"), worry: t("prov.v.reportBelow") }
  if (scan.notSold) return { tone: "warn", title: t("prov.v.notSoldTitle"), meaning: t("prov.v.notSoldMeaning"), worry: t("prov.v.reportBelow") }
  if (scan.suspicious) return { tone: "warn", title: t("prov.v.manyTitle"), meaning: t("prov.v.manyMeaning", { networks: scan.networkCount }), worry: t("prov.v.reportBelow") }
  if (scan.kind === "first_scan") return { tone: "ok", title: t("prov.v.firstTitle"), meaning: t("prov.v.firstMeaning"), worry: t("prov.v.firstWorry") }
  return {
    tone: "ok",
    title: t("prov.v.repeatTitle", { n: scan.scanCount }),
    meaning: t("prov.v.repeatMeaning"),
    worry: scan.firstScanOn ? t("prov.v.repeatWorryDate", { date: formatDate(scan.firstScanOn) }) : t("prov.v.repeatWorry"),
  }
}

export function Verdict({ scan, recalled, locale, t, formatDate }: { scan: ScanVerdict; recalled: boolean; locale: Locale; t: Translate; formatDate: (d: string) => string }) {
  const words = verdictWords(scan, recalled, t, formatDate)
  return (
    <section className={`verdict ${words.tone === "ok" ? "ok" : "warn"}`} aria-labelledby="verdict-h" role={words.tone === "ok" ? undefined : "alert"} data-testid="verdict">
      <h2 id="verdict-h">
        {t("prov.verdict")}: {words.title}
      </h2>
      <p>{locale === "th" ? scan.message_th : scan.message_en}</p>
      <p className="verdict-meaning">{words.meaning}</p>
      {words.worry ? (
        <p className="verdict-worry">
          <strong>{t("prov.v.whenWorry")}</strong> {words.worry}
        </p>
      ) : null}
    </section>
  )
}

/** The timeline's last step: when this unit was sold (month only), or why that is not known. */
export function soldWhen(scan: ScanVerdict | null, t: Translate, formatMonth: (d: string) => string): string {
  return scan?.soldMonth ? formatMonth(scan.soldMonth) : scan?.notSold ? t("prov.tl.notSold") : scan ? t("prov.tl.soldUnknown") : t("prov.tl.soldScan")
}

/** Harvest → production → release → sold, month by month; the sale says when, never to whom. */
function Timeline({ p, scan, slots, t, formatMonth }: { p: PublicProvenance; scan: ScanVerdict | null; slots?: ScanSlots; t: Translate; formatMonth: (d: string) => string }) {
  const harvested = p.harvests.map((h) => h.harvestedOn).sort()
  const first = harvested[0] ? formatMonth(harvested[0]) : null
  const last = harvested.at(-1) ? formatMonth(harvested.at(-1)!) : null
  const steps: { key: string; label: string; when: string | null }[] = [
    { key: "harvest", label: t("prov.tl.harvest"), when: first && last ? (first === last ? first : `${first} – ${last}`) : null },
    { key: "production", label: t("prov.tl.production"), when: formatMonth(p.batch.producedOn) },
    { key: "release", label: t("prov.tl.release"), when: p.batch.releasedOn ? formatMonth(p.batch.releasedOn) : null },
    {
      key: "sold",
      label: t("prov.tl.sold"),
      when: slots ? slots.sold : soldWhen(scan, t, formatMonth),
    },
  ]
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t("prov.tl.title")}</h2>
      <ol className="timeline" data-testid="timeline">
        {steps.map((s) => (
          <li key={s.key} data-step={s.key}>
            <strong>{s.label}</strong> <span>{s.when ?? t("prov.tl.noDate")}</span>
          </li>
        ))}
      </ol>
      <p className="muted">{t("prov.tl.privacy")}</p>
    </section>
  )
}

const SCHEME_NAME: Record<string, MessageKey> = { "TH-GAP": "prov.scheme.TH-GAP", PGS: "prov.scheme.PGS", ORGANIC: "prov.scheme.ORGANIC" }

/** "4 of 5 plots" per scheme: a plot with two certificates counts once under each, so nothing adds up past 100 %. */
function certifiedPlots(p: PublicProvenance): { scheme: string; plots: number; bodies: string[] }[] {
  const out = new Map<string, { plots: number; bodies: Set<string> }>()
  for (const plot of p.plots) {
    for (const scheme of new Set(plot.certifications.map((c) => c.scheme))) {
      const entry = out.get(scheme) ?? { plots: 0, bodies: new Set<string>() }
      entry.plots += 1
      plot.certifications.filter((c) => c.scheme === scheme).forEach((c) => entry.bodies.add(c.certifyingBody))
      out.set(scheme, entry)
    }
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([scheme, e]) => ({ scheme, plots: e.plots, bodies: [...e.bodies] }))
}

function CertificateLine({ c, locale, t, formatDate, check, contact }: { c: PublicCertification; locale: Locale; t: Translate; formatDate: (d: string) => string; check: string | null; contact: ShopContact }) {
  const scheme = SCHEME_NAME[c.scheme] ? t(SCHEME_NAME[c.scheme]!) : c.scheme
  const body = bilingual(locale, c.certifyingBody)
  return (
    <li>
      {t("prov.certValid", { scheme, number: c.certificateNumber, body, from: formatDate(c.validFrom), until: formatDate(c.validUntil) })}{" "}
      {check ? (
        <a href={check.replace("{number}", encodeURIComponent(c.certificateNumber))} rel="noopener" data-testid="cert-check">
          {t("prov.certCheck", { body, host: new URL(check.replace("{number}", "x")).host })}
        </a>
      ) : (
        // An issuer without an online register (a PGS network): the group shows the peer-review record on request.
        <a href={contact.lineHref} rel="noopener" data-testid="cert-check">
          {t("prov.certAsk", { body })}
        </a>
      )}
    </li>
  )
}

function AreaMapFigure({ villages, villagesEn, locale, t }: { villages: string[]; villagesEn: Map<string, string>; locale: Locale; t: Translate }) {
  const map = areaMap(villages)
  return (
    <figure className="area-map" data-testid="area-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} width="100%" role="img" aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">
        <title id="map-title">{t("prov.map.alt")}</title>
        <rect x="0" y="0" width={map.width} height={map.height} fill="#f4f1e8" />
        <path d={map.outline} fill="#e3ecd6" stroke="#4f6b3a" strokeWidth="1.5" strokeDasharray="4 3" />
        <text x={map.width / 2} y={map.height / 2 + 4} textAnchor="middle" fontSize="12" fill="#4f6b3a" opacity="0.6">
          {t("prov.map.tambon", { name: placeName(locale, "แม่มอก").text })}
        </text>
        {map.villages.map((v) => {
          const name = placeName(locale, v.name, villagesEn.get(v.name))
          return (
            <g key={v.name} data-village={v.name} data-here={v.here ? "yes" : "no"}>
              <circle cx={v.x} cy={v.y} r={v.here ? 6 : 4} fill={v.here ? "#b3541e" : "#8a8a7a"} stroke="#fff" strokeWidth="1.5" />
              <text x={v.labelLeft ? v.x - 9 : v.x + 9} y={v.y + 4} textAnchor={v.labelLeft ? "end" : "start"} fontSize="11" fontWeight={v.here ? 700 : 400} fill="#2b2b2b" lang={name.lang}>
                {name.text}
              </text>
            </g>
          )
        })}
        <g transform={`translate(${map.width - 24} 16)`}>
          <path d="M0 14 L5 0 L10 14 L5 10 Z" fill="#2b2b2b" />
          <text x="5" y="26" textAnchor="middle" fontSize="10">
            N
          </text>
        </g>
        <g transform={`translate(12 ${map.height - 12})`}>
          <line x1="0" y1="0" x2={map.twoKm} y2="0" stroke="#2b2b2b" strokeWidth="2" />
          <text x={map.twoKm / 2} y="-4" textAnchor="middle" fontSize="10">
            {t("prov.map.scale")}
          </text>
        </g>
      </svg>
      <figcaption className="muted">{t("prov.map.caption")}</figcaption>
    </figure>
  )
}

const REASONS = ["unknown_code", "many_scans", "label_looks_different", "bought_unsealed", "other"] as const

function ReportForm({ report, t }: { report: ReportState; t: Translate }) {
  if (report.kind === "sent") {
    return (
      <section id="report" aria-labelledby="report-h" className="report" data-testid="report">
        <h2 id="report-h">{t("prov.report.title")}</h2>
        <p role="status">{t("prov.report.thanks")}</p>
      </section>
    )
  }
  const v = report.values ?? {}
  return (
    <section id="report" aria-labelledby="report-h" className="report" data-testid="report">
      <h2 id="report-h">{t("prov.report.title")}</h2>
      <p>{t("prov.report.intro")}</p>
      {report.error ? (
        <p className="form-error" role="alert">
          {report.error}
        </p>
      ) : null}
      <form method="post" action={`${report.action}#report`}>
        <fieldset>
          <legend>{t("prov.report.reason")}</legend>
          {REASONS.map((r) => (
            <label key={r} className="choice">
              <input type="radio" name="reason" value={r} defaultChecked={(v.reason ?? "label_looks_different") === r} /> {t(`prov.report.reason.${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t("prov.report.message")}
          <textarea name="message" rows={4} maxLength={1000} required defaultValue={v.message ?? ""} />
        </label>
        <label>
          {t("prov.report.whereBought")}
          <input name="where_bought" maxLength={200} defaultValue={v.where_bought ?? ""} />
        </label>
        <label>
          {t("prov.report.contact")}
          <input name="contact" maxLength={200} autoComplete="tel" defaultValue={v.contact ?? ""} />
        </label>
        <p className="muted">{t("prov.report.privacy")}</p>
        <button type="submit">{t("prov.report.send")}</button>
      </form>
    </section>
  )
}

function Provenance({
  p,
  variantTitle,
  scan,
  slots,
  locale,
  t,
  formatDate,
  formatMonth,
  herbHrefs,
  contact,
  certificateCheck,
}: {
  p: PublicProvenance
  variantTitle: string
  scan: ScanVerdict | null
  slots?: ScanSlots
  locale: Locale
  t: Translate
  formatDate: (d: string) => string
  formatMonth: (d: string) => string
  herbHrefs: Record<string, string>
  contact: ShopContact
  certificateCheck: Record<string, string | null>
}) {
  const harvestDates = (plotCode: string) =>
    [...new Set(p.harvests.filter((h) => h.plotCode === plotCode).map((h) => h.harvestedOn))].sort().map(formatDate).join(", ")
  const herbByLatin = new Map(p.herbs.map((h) => [h.scientificName, h]))
  // Plots are named by their household ("Plot 2 of …"), never by the group's register code.
  const plotNumber = new Map<string, { n: number; of: number }>()
  for (const plot of p.plots) {
    const same = p.plots.filter((o) => o.householdAlias === plot.householdAlias)
    plotNumber.set(plot.code, { n: same.indexOf(plot) + 1, of: same.length })
  }
  const villages = [...new Set([...p.households.map((h) => h.place.village), ...p.plots.map((pl) => pl.place.village)].filter((v): v is string => Boolean(v)))]
  const villagesEn = new Map<string, string>()
  for (const place of [...p.households.map((h) => h.place), ...p.plots.map((pl) => pl.place)]) if (place.village && place.villageEn) villagesEn.set(place.village, place.villageEn)
  const herbName = (h: PublicHerb) => shown(locale, h.thaiName, h.englishName)
  return (
    <>
      {p.recall ? (
        <section className="recall" role="alert" aria-labelledby="recall-h">
          <h2 id="recall-h">{t("prov.recallTitle")}</h2>
          {p.recall.reason ? <p>{t("prov.recallReason", { reason: p.recall.reason })}</p> : null}
          {p.recall.recalledAt ? <p>{t("prov.recallDate", { date: formatDate(p.recall.recalledAt.slice(0, 10)) })}</p> : null}
          <p>{t("prov.recallDo")}</p>
          <p>
            {t("prov.recallContact")} <a href={contact.phoneHref}>{contact.phone}</a> · <a href={contact.lineHref}>LINE {contact.lineId}</a>
          </p>
        </section>
      ) : null}
      <h1>
        {locale === "en" ? p.product.title.en || p.product.title.th : p.product.title.th} <span className="muted">{variantTitle}</span>
      </h1>
      {slots ? slots.verdict : scan ? <Verdict scan={scan} recalled={p.recall !== null} locale={locale} t={t} formatDate={formatDate} /> : null}
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

      <Timeline p={p} scan={scan} slots={slots} t={t} formatMonth={formatMonth} />

      <section className="balance" aria-labelledby="balance-h">
        <h2 id="balance-h">{t("prov.balance")}</h2>
        <p>
          {t("prov.balanceSummary", {
            kg: kg(p.totals.kg),
            households: counted(t, "count.household", p.totals.households),
            plots: counted(t, "count.plot", p.totals.plots),
          })}
        </p>
        {p.growerShare && p.growerShare.kind !== "none" ? (
          <p className="grower-share" data-testid="grower-share">
            {locale === "en" ? p.growerShare.message_en : p.growerShare.message_th}
          </p>
        ) : null}
        <ul data-testid="certified-plots">
          {certifiedPlots(p).map((c) => (
            <li key={c.scheme}>
              {t("prov.certifiedPlots", {
                n: c.plots,
                of: counted(t, "count.plot", p.totals.plots),
                scheme: SCHEME_NAME[c.scheme] ? t(SCHEME_NAME[c.scheme]!) : c.scheme,
                bodies: c.bodies.map((b) => bilingual(locale, b)).join(", "),
              })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="herbs-h">
        <h2 id="herbs-h">{t("prov.herbs")}</h2>
        <ul className="plain">
          {p.herbs.map((h) => (
            <li key={h.scientificName}>
              <strong>{herbHrefs[h.scientificName] ? <a href={herbHrefs[h.scientificName]}><Say locale={locale} value={herbName(h)} /></a> : <Say locale={locale} value={herbName(h)} />}</strong> (<i lang="la">{h.scientificName}</i>) · <Say locale={locale} value={bilingualShown(locale, h.partUsed, h.partUsedEn)} /> · {t("prov.herbLine", { kg: kg(h.kg), percent: h.percent })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="map-h">
        <h2 id="map-h">{t("prov.map.title")}</h2>
        <AreaMapFigure villages={villages} villagesEn={villagesEn} locale={locale} t={t} />
      </section>

      <section aria-labelledby="plots-h">
        <h2 id="plots-h">{t("prov.plots")}</h2>
        <ul className="plain cards">
          {p.plots.map((plot) => {
            const number = plotNumber.get(plot.code)!
            return (
              // The id stays the anchor of the linkset's certificate links; it is never shown.
              <li key={plot.code} id={`plot-${plot.code}`} data-testid="plot-card">
                <h3>
                  <Say
                    locale={locale}
                    value={sentence(
                      (household) => (number.of > 1 ? t("prov.plotNOf", { n: number.n, household }) : t("prov.plotOf", { household })),
                      shown(locale, plot.householdAlias, plot.householdAliasEn),
                    )}
                  />
                </h3>
                <p className="muted">
                  <Say locale={locale} value={placeLine(locale, plot.place)} />
                </p>
                <p>
                  {plot.herbs
                    .map((latin) => herbByLatin.get(latin))
                    .map((h, i) => (
                      <span key={plot.herbs[i]}>
                        {i > 0 ? ", " : ""}
                        {h ? <><Say locale={locale} value={herbName(h)} />{" "}</> : ""}(<i lang="la">{plot.herbs[i]}</i>)
                      </span>
                    ))}{" "}
                  · {t("prov.herbLine", { kg: kg(plot.kg), percent: plot.percent })}
                </p>
                {harvestDates(plot.code) ? <p>{t("prov.harvestedOn", { dates: harvestDates(plot.code) })}</p> : null}
                {plot.certifications.length ? (
                  <ul>
                    {plot.certifications.map((c) => (
                      <CertificateLine key={`${c.scheme}:${c.certificateNumber}`} c={c} locale={locale} t={t} formatDate={formatDate} check={certificateCheck[c.scheme] ?? null} contact={contact} />
                    ))}
                  </ul>
                ) : (
                  <p>{t("prov.noCert")}</p>
                )}
              </li>
            )
          })}
        </ul>
      </section>

      <section aria-labelledby="households-h">
        <h2 id="households-h">{t("prov.households")}</h2>
        <ul className="plain cards">
          {p.households.map((h) => {
            const alias = shown(locale, h.alias, h.aliasEn)
            const givenName = h.givenName ? shown(locale, h.givenName, h.givenNameEn) : null
            return (
              <li key={h.alias} data-testid="household-card">
                {h.photoUrl ? (
                  // An attribute cannot mark a language inside it: the fallback's words are used as they are.
                  <img src={h.photoUrl} alt={t("prov.photoOf", { name: plain(givenName ?? alias) })} width={96} height={96} loading="lazy" />
                ) : null}
                <h3>
                  <Say locale={locale} value={alias} />
                  {givenName ? (
                    <>
                      {" · "}
                      <Say locale={locale} value={givenName} />
                    </>
                  ) : null}
                </h3>
                <p className="muted">
                  <Say locale={locale} value={placeLine(locale, h.place)} />
                </p>
                <p>{t("prov.householdShare", { kg: kg(h.kg), percent: h.percent })}</p>
                {h.story ? (
                  <p data-testid="household-story">
                    <Say locale={locale} value={shown(locale, h.story, h.storyEn)} />
                  </p>
                ) : null}
              </li>
            )
          })}
        </ul>
      </section>
    </>
  )
}

export function ProvenancePage({ locale, t, stylesheets, shopHref, switchHref, formatDate, formatMonth, contact, certificateCheck, report, view }: ProvenancePageProps) {
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
              <Provenance
                p={view.provenance}
                variantTitle={view.variantTitle ?? view.provenance.product.variantTitle}
                scan={view.scan}
                slots={view.slots}
                locale={locale}
                t={t}
                formatDate={formatDate}
                formatMonth={formatMonth}
                herbHrefs={view.herbHrefs ?? {}}
                contact={contact}
                certificateCheck={certificateCheck}
              />
              {report ? <ReportForm report={report} t={t} /> : null}
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
            <>
              <section className="verdict warn" role="alert" aria-labelledby="unknown-h">
                <h1 id="unknown-h">{t("prov.unknownTitle")}</h1>
                <p>{view.message}</p>
                <p>
                  <a href={view.lotHref}>{t("prov.seeLot", { lot: view.lot })}</a>
                </p>
              </section>
              {report ? <ReportForm report={report} t={t} /> : null}
            </>
          ) : view.kind === "unknown_lot" ? (
            <>
              <section className="verdict warn" role="alert" aria-labelledby="unknown-h">
                <h1 id="unknown-h">{t("prov.unknownLotTitle")}</h1>
                <p>{t("prov.unknownLotText")}</p>
              </section>
              {report ? <ReportForm report={report} t={t} /> : null}
            </>
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
          <ContactLine contact={contact} t={t} />
          <p>{t("footer.privacy")}</p>
        </footer>
      </body>
    </html>
  )
}
