import { Text, toast } from "@medusajs/ui"
import type { FormEvent } from "react"
import { Link, useParams } from "react-router-dom"
import { AuditLine } from "../../../../components/audit-line"
import { CertBadge } from "../../../../components/badges"
import { Field, Form, NativeSelect, SubmitRow, useFields } from "../../../../components/form"
import { Loading, Page, Section } from "../../../../components/section"
import { TraceNav } from "../../../../components/trace-nav"
import { keys, useHouseholds, usePlot, useSave, useSpecies } from "../../../../lib/queries"
import type { CertificationScheme, CertificationStatus, Plot } from "../../../../lib/types"
import { useT } from "../../../../lib/use-t"

const SCHEMES: CertificationScheme[] = ["TH-GAP", "PGS", "ORGANIC"]
const STATUSES: CertificationStatus[] = ["active", "suspended", "revoked"]

const PlotPage = () => {
  const { id = "" } = useParams()
  const { t, date } = useT()
  const plot = usePlot(id)
  const households = useHouseholds()
  const species = useSpecies()
  if (plot.isLoading) return <Loading text={t("common.loading")} />
  if (plot.error || !plot.data) return <Text>{t("common.loadFailed", { message: plot.error?.message ?? id })}</Text>
  const p = plot.data
  const household = households.data?.find((h) => h.id === p.household_id)
  return (
    <Page>
      <TraceNav />
      <Section title={p.code} level="h1">
        <dl className="txt-compact-small grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-ui-fg-subtle">{t("plot.household")}</dt>
          <dd>
            {household ? (
              <Link to={`/traceability/households/${household.id}`} className="text-ui-fg-interactive">
                {household.code} · {household.alias}
              </Link>
            ) : (
              p.household_id
            )}
          </dd>
          <dt className="text-ui-fg-subtle">{t("plot.area")}</dt>
          <dd>{p.area_rai ?? "—"}</dd>
          <dt className="text-ui-fg-subtle">{t("household.village")}</dt>
          <dd>
            {p.village}
            {p.moo ? ` ม.${p.moo}` : ""} {p.tambon} {p.amphoe} {p.province}
          </dd>
          <dt className="text-ui-fg-subtle">{t("plot.species")}</dt>
          <dd>{p.species_ids.map((sid) => species.data?.find((s) => s.id === sid)?.thai_name ?? sid).join(", ")}</dd>
        </dl>
        <div className="mt-3">
          <AuditLine record={p} />
        </div>
      </Section>
      <Section title={t("plot.certifications")}>
        {p.certifications.length === 0 ? (
          <Text size="small">{t("plot.noCertifications")}</Text>
        ) : (
          <ul className="flex flex-col gap-y-3" data-testid="certifications">
            {p.certifications.map((c) => (
              <li key={c.id} className="flex flex-col gap-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Text size="small" weight="plus">
                    {t(`cert.schemes.${c.scheme}`)} · {c.certificate_number}
                  </Text>
                  <CertBadge cert={c} />
                </div>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {c.certifying_body} · {t("cert.validRange", { from: date(c.valid_from), until: date(c.valid_until) })}
                </Text>
                <AuditLine record={c} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <AddCertification plot={p} />
    </Page>
  )
}

function AddCertification(props: { plot: Plot }) {
  const { t } = useT()
  const create = useSave<unknown, { certification: { certificate_number: string } }>("/admin/certifications", [keys.plots])
  const {
    values: v,
    set,
    field,
    reset,
  } = useFields("cert", {
    scheme: "TH-GAP",
    certificate_number: "",
    certifying_body: "",
    valid_from: "",
    valid_until: "",
    status: "active",
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      {
        plot_id: props.plot.id,
        ...v,
        certificate_number: v.certificate_number.trim(),
        certifying_body: v.certifying_body.trim(),
      },
      {
        onSuccess: ({ certification }) => {
          toast.success(t("cert.created", { number: certification.certificate_number }))
          reset()
        },
      }
    )
  }
  return (
    <Section title={t("cert.addTitle")}>
      <Form onSubmit={submit} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field id="cert-scheme" label={t("cert.scheme")}>
          <NativeSelect id="cert-scheme" value={v.scheme} onChange={(e) => set("scheme")(e.target.value)}>
            {SCHEMES.map((s) => (
              <option key={s} value={s}>
                {t(`cert.schemes.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {field("certificate_number", t("cert.number"), { required: true })}
        {field("certifying_body", t("cert.body"), { required: true })}
        <Field id="cert-status" label={t("cert.status")}>
          <NativeSelect id="cert-status" value={v.status} onChange={(e) => set("status")(e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === "active" ? t("cert.valid") : t(`cert.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {field("valid_from", t("cert.validFrom"), { type: "date", required: true })}
        {field("valid_until", t("cert.validUntil"), { type: "date", required: true })}
        <SubmitRow error={create.error} busy={create.isPending} label={t("cert.addTitle")} className="sm:col-span-2" />
      </Form>
    </Section>
  )
}

export default PlotPage
