import { Text, toast } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { AuditLine } from "../../../../components/audit-line"
import { CertBadge } from "../../../../components/badges"
import { HouseholdForm } from "../../../../components/household-form"
import { HouseholdPhoto } from "../../../../components/household-photo"
import { Loading, Page, Section } from "../../../../components/section"
import { TraceNav } from "../../../../components/trace-nav"
import { keys, useHousehold, usePlots, useSave } from "../../../../lib/queries"
import type { Household } from "../../../../lib/types"
import { useT } from "../../../../lib/use-t"

const HouseholdPage = () => {
  const { id = "" } = useParams()
  const { t } = useT()
  const household = useHousehold(id)
  const plots = usePlots(id)
  const update = useSave<unknown, { household: Household }>(`/admin/households/${encodeURIComponent(id)}`, [keys.households])
  if (household.isLoading) return <Loading text={t("common.loading")} />
  if (household.error || !household.data)
    return <Text>{t("common.loadFailed", { message: household.error?.message ?? id })}</Text>
  const h = household.data
  return (
    <Page>
      <TraceNav />
      <Section title={`${h.code} · ${h.alias}`} level="h1">
        <AuditLine record={h} />
        {/* key: after a save the form restarts from the stored values (and the new consent record). */}
        <div className="mt-4">
          <HouseholdForm
            key={h.updated_at}
            household={h}
            busy={update.isPending}
            error={update.error?.message ?? null}
            onSubmit={(body) => update.mutate(body, { onSuccess: () => toast.success(t("common.saved")) })}
          />
        </div>
      </Section>
      <Section title={t("household.photo")}>
        <HouseholdPhoto household={h} />
      </Section>
      {h.public_preview && (
        <Section title={t("household.publicPreview")}>
          <pre className="txt-compact-xsmall bg-ui-bg-subtle overflow-x-auto whitespace-pre-wrap rounded-md p-3">
            {JSON.stringify(h.public_preview, null, 2)}
          </pre>
        </Section>
      )}
      <Section title={t("household.plots")}>
        {(plots.data ?? []).length === 0 ? (
          <Text size="small">{t("common.none")}</Text>
        ) : (
          <ul className="flex flex-col gap-y-2">
            {plots.data!.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2">
                <Link to={`/traceability/plots/${p.id}`} className="txt-compact-small-plus text-ui-fg-interactive">
                  {p.code}
                </Link>
                {p.certifications.map((c) => (
                  <CertBadge key={c.id} cert={c} />
                ))}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Page>
  )
}

export default HouseholdPage
