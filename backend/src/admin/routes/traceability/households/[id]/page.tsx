import { Text, toast } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { AuditLine } from "../../../../components/audit-line"
import { CertBadge } from "../../../../components/badges"
import { HouseholdForm } from "../../../../components/household-form"
import { HouseholdPhoto } from "../../../../components/household-photo"
import { Loading, Page, Section } from "../../../../components/section"
import { TraceNav } from "../../../../components/trace-nav"
import { keys, useHousehold, usePlots, useSave } from "../../../../lib/queries"
import type { Household, HouseholdPreview } from "../../../../lib/types"
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
        <Section title={t("household.publicPreview")} subtitle={t("household.publicPreviewHint")}>
          <PublicPreview preview={h.public_preview} />
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

/** The household as a buyer sees it on a provenance page: only what the consent allows, no codes, no JSON. */
function PublicPreview(props: { preview: HouseholdPreview }) {
  const { t, language } = useT()
  const p = props.preview
  const moo = p.place.moo ? `${t("household.moo")} ${p.place.moo}` : null
  // Written the Thai way (ต. อ. จ.) in Thai, comma-separated otherwise.
  const place = language.startsWith("th")
    ? [p.place.village, moo, `ต.${p.place.tambon}`, `อ.${p.place.amphoe}`, `จ.${p.place.province}`].filter(Boolean).join(" ")
    : [p.place.village, moo, p.place.tambon, p.place.amphoe, p.place.province].filter(Boolean).join(", ")
  return (
    <figure data-testid="public-preview" className="bg-ui-bg-subtle flex max-w-md gap-x-3 rounded-lg p-3">
      {p.photo_url ? (
        <img src={p.photo_url} alt={p.alias} className="h-20 w-20 flex-none rounded-md object-cover" />
      ) : (
        <div className="bg-ui-bg-component text-ui-fg-muted txt-compact-xsmall flex h-20 w-20 flex-none items-center justify-center rounded-md text-center">
          {t("household.previewNoPhoto")}
        </div>
      )}
      <figcaption className="flex min-w-0 flex-col gap-y-1">
        <Text size="base" weight="plus">
          {p.alias}
        </Text>
        <Text size="small">{p.given_name ? t("household.previewGivenName", { name: p.given_name }) : t("household.previewNoName")}</Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {place}
        </Text>
        {p.story && (
          <Text size="small" className="whitespace-pre-line">
            {p.story}
          </Text>
        )}
      </figcaption>
    </figure>
  )
}

export default HouseholdPage
