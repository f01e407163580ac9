import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ListTree } from "@medusajs/icons"
import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { CertBadge, needsAttention } from "../../components/badges"
import { Loading, Page, Section } from "../../components/section"
import { TraceNav } from "../../components/trace-nav"
import { usePlots } from "../../lib/queries"
import { useT } from "../../lib/use-t"

const TraceabilityPage = () => {
  const { t } = useT()
  const plots = usePlots()
  const flagged = (plots.data ?? []).flatMap((plot) => plot.certifications.filter(needsAttention).map((cert) => ({ plot, cert })))
  return (
    <Page>
      <Section title={t("overview.title")} subtitle={t("overview.intro")} level="h1">
        <TraceNav />
      </Section>
      <Section title={t("overview.expiringTitle")}>
        {plots.isLoading ? (
          <Loading text={t("common.loading")} />
        ) : flagged.length === 0 ? (
          <Text size="small">{t("overview.noneExpiring")}</Text>
        ) : (
          <ul className="flex flex-col gap-y-2">
            {flagged.map(({ plot, cert }) => (
              <li key={cert.id} className="flex flex-wrap items-center gap-2">
                <Link to={`/traceability/plots/${plot.id}`} className="txt-compact-small-plus text-ui-fg-interactive">
                  {plot.code}
                </Link>
                <Text size="small">
                  {cert.scheme} {cert.certificate_number} ·{" "}
                  {t("cert.validRange", { from: cert.valid_from, until: cert.valid_until })}
                </Text>
                <CertBadge cert={cert} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Page>
  )
}

export const config = defineRouteConfig({
  label: "nav.traceability",
  translationNs: "maemok",
  icon: ListTree,
  rank: 1,
})

export default TraceabilityPage
