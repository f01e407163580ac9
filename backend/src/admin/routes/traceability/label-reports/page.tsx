import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Text, Textarea } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { Field, Form, SubmitRow } from "../../../components/form"
import { Page, QueryState, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { api } from "../../../lib/api"
import { keys, useSave, useUserLabel } from "../../../lib/queries"
import type { LabelReport } from "../../../lib/types"
import { useT } from "../../../lib/use-t"

// Buyers' "suspicious label" reports from the provenance page (docs/decisions/0061-label-reports.md), newest first.
const LabelReportsPage = () => {
  const { t } = useT()
  const reports = useQuery({
    queryKey: keys.labelReports,
    queryFn: () => api<{ label_reports: LabelReport[] }>("/admin/label-reports").then((r) => r.label_reports),
  })
  return (
    <Page>
      <TraceNav />
      <Section title={t("reports.title")} subtitle={t("reports.hint")} level="h1">
        <QueryState query={reports} loading={t("common.loading")} empty={t("reports.none")}>
          {(rows) => (
            <ul className="flex flex-col gap-y-3" data-testid="label-reports">
              {rows.map((r) => (
                <ReportCard key={r.id} report={r} />
              ))}
            </ul>
          )}
        </QueryState>
      </Section>
    </Page>
  )
}

function ReportCard(props: { report: LabelReport }) {
  const { t, dateTime } = useT()
  const r = props.report
  return (
    <li className="shadow-borders-base flex flex-col gap-y-2 rounded-lg p-3" data-testid="label-report">
      <div className="flex flex-wrap items-center gap-2">
        <Badge size="2xsmall" color={r.handled_at ? "green" : "orange"}>
          {r.handled_at ? t("reports.handled") : t("reports.open")}
        </Badge>
        <Text size="small" weight="plus">
          {t(`reports.reason.${r.reason}`)}
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {dateTime(r.reported_at)}
        </Text>
      </div>
      <Text size="small" className="whitespace-pre-wrap break-words" data-testid="report-message">
        {r.message}
      </Text>
      <dl className="txt-compact-xsmall grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-ui-fg-subtle">{t("reports.code")}</dt>
        <dd className="break-all font-mono">
          {r.gtin} · {r.lot}
          {r.serial ? ` · ${r.serial}` : ""}
        </dd>
        <dt className="text-ui-fg-subtle">{t("reports.batch")}</dt>
        <dd>{r.batch_id ? <Link to={`/traceability/batches/${r.batch_id}`}>{r.lot}</Link> : t("reports.noBatch")}</dd>
        <dt className="text-ui-fg-subtle">{t("reports.scans")}</dt>
        <dd data-testid="report-scans">
          {r.unit_scan_count === null
            ? r.serial
              ? t("reports.unknownUnit")
              : t("reports.noUnit")
            : t("reports.scanCount", { scans: r.unit_scan_count, networks: r.unit_network_count ?? 0 })}
        </dd>
        {r.where_bought && (
          <>
            <dt className="text-ui-fg-subtle">{t("reports.whereBought")}</dt>
            <dd className="break-words">{r.where_bought}</dd>
          </>
        )}
        {r.contact && (
          <>
            <dt className="text-ui-fg-subtle">{t("reports.contact")}</dt>
            <dd className="break-all">{r.contact}</dd>
          </>
        )}
      </dl>
      {r.handled_at ? <Handled report={r} /> : <HandleForm id={r.id} />}
    </li>
  )
}

function Handled(props: { report: LabelReport }) {
  const { t, dateTime } = useT()
  const who = useUserLabel(props.report.handled_by)
  return (
    <Text size="xsmall" className="bg-ui-bg-subtle rounded-md px-2 py-1.5" data-testid="report-handled">
      {t("reports.handledBy", { who, when: dateTime(props.report.handled_at) })}: {props.report.handled_note}
    </Text>
  )
}

function HandleForm(props: { id: string }) {
  const { t } = useT()
  const [note, setNote] = useState("")
  const save = useSave<{ note: string }, unknown>(`/admin/label-reports/${encodeURIComponent(props.id)}`, [keys.labelReports])
  const fieldId = `report-note-${props.id}`
  return (
    <Form
      className="flex flex-col gap-y-2"
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate({ note })
      }}
    >
      <Field id={fieldId} label={t("reports.note")} hint={t("reports.noteHint")}>
        <Textarea id={fieldId} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      {/* Disabled until a note is written (not `required`: an empty required textarea is outlined red from the start). */}
      <SubmitRow error={save.error} busy={save.isPending} label={t("reports.markHandled")} disabled={!note.trim()} />
    </Form>
  )
}

export const config = defineRouteConfig({ label: "nav.label-reports", translationNs: "maemok", rank: 7 })

export default LabelReportsPage
