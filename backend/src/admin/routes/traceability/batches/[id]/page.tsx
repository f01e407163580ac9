import { Button, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { useInfiniteQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { AuditLine } from "../../../../components/audit-line"
import { BatchStatusBadge } from "../../../../components/badges"
import { DEFAULT_LABEL_LAYOUT, LABEL_LAYOUTS, type LabelLayoutId } from "@mae-mok/traceability"
import { Field, Form, FormError, Input, NativeSelect } from "../../../../components/form"
import { Loading, Page, Section } from "../../../../components/section"
import { TraceNav } from "../../../../components/trace-nav"
import { api, localizedMessage } from "../../../../lib/api"
import { keys, useBatch, useSave } from "../../../../lib/queries"
import type { Batch, ForwardTraceRow, LabelUnit } from "../../../../lib/types"
import { useT } from "../../../../lib/use-t"

const BatchPage = () => {
  const { id = "" } = useParams()
  const { t, dateTime, date } = useT()
  const batch = useBatch(id)
  if (batch.isLoading) return <Loading text={t("common.loading")} />
  if (batch.error || !batch.data) return <Text>{t("common.loadFailed", { message: batch.error?.message ?? id })}</Text>
  const b = batch.data
  // The lot's public page is the unit URL without its /21/<serial> part.
  const publicUrl = b.units[0]?.url.replace(/\/21\/[^/]+$/, "")
  return (
    <Page>
      <TraceNav />
      {b.status === "recalled" && (
        <div role="alert" className="bg-ui-tag-red-bg text-ui-tag-red-text txt-compact-small-plus rounded-md px-4 py-3">
          {t("batch.recalledBanner", { when: dateTime(b.recalled_at), reason: b.status_reason ?? "" })}
        </div>
      )}
      {b.status === "on_hold" && (
        <div role="status" className="bg-ui-tag-orange-bg text-ui-tag-orange-text txt-compact-small-plus rounded-md px-4 py-3">
          {t("batch.onHoldBanner", { reason: b.status_reason ?? "" })}
        </div>
      )}
      <NextStep batch={b} />
      <Section title={`${t("batch.lot")} ${b.lot_number}`} level="h1" actions={<BatchStatusBadge status={b.status} />}>
        <dl className="txt-compact-small grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-ui-fg-subtle">{t("batch.variant")}</dt>
          <dd>{b.variant ? `${b.variant.product.title} · ${b.variant.title}` : "—"}</dd>
          <dt className="text-ui-fg-subtle">{t("batch.producedOn")}</dt>
          <dd>{date(b.produced_on)}</dd>
          <dt className="text-ui-fg-subtle">{t("batch.bestBefore")}</dt>
          <dd>{date(b.best_before)}</dd>
          <dt className="text-ui-fg-subtle">{t("batch.unitsPlanned")}</dt>
          <dd>{b.units_planned}</dd>
          <dt className="text-ui-fg-subtle">{t("batch.inputs")}</dt>
          <dd>{b.inputs.map((i) => `${i.plot_code} ${date(i.harvested_on)}: ${i.kg} ${t("common.kg")}`).join(" · ")}</dd>
          {publicUrl && b.status !== "draft" && (
            <>
              <dt className="text-ui-fg-subtle">{t("batch.publicPage")}</dt>
              <dd className="break-all">
                <a href={publicUrl} target="_blank" rel="noreferrer" className="text-ui-fg-interactive">
                  {publicUrl}
                </a>
              </dd>
            </>
          )}
        </dl>
        <div className="mt-3">
          <AuditLine record={b} />
        </div>
        {(b.status === "draft" || b.status === "on_hold") && <ReleaseButton batch={b} />}
      </Section>
      <Labels batch={b} />
      {(b.status === "released" || b.status === "on_hold") && <HoldOrRecall batch={b} />}
      <ForwardTrace batch={b} />
    </Page>
  )
}

/**
 * Release → labels → print as one path: the three steps with the current one marked, so a member does not have
 * to find each button on their own.
 */
function NextStep(props: { batch: Batch }) {
  const { t } = useT()
  const b = props.batch
  if (b.status === "recalled" || b.status === "on_hold") return null
  const steps = [
    { key: "release", done: b.status !== "draft", label: t("batch.stepRelease") },
    { key: "issue", done: b.units.length >= b.units_planned && b.units.length > 0, label: t("batch.stepIssue", { count: b.units_planned }) },
    { key: "print", done: false, label: t("batch.stepPrint") },
  ]
  const current = steps.findIndex((s) => !s.done)
  return (
    <ol className="flex flex-wrap gap-2" aria-label={t("batch.steps")} data-testid="batch-steps">
      {steps.map((s, i) => (
        <li
          key={s.key}
          aria-current={i === current ? "step" : undefined}
          className={
            "txt-compact-small rounded-full px-3 py-1.5 " +
            (i === current ? "bg-ui-tag-green-bg text-ui-tag-green-text font-medium" : s.done ? "text-ui-fg-subtle line-through" : "text-ui-fg-muted")
          }
        >
          {i + 1}. {s.label}
        </li>
      ))}
    </ol>
  )
}

function ReleaseButton(props: { batch: Batch }) {
  const { t, language } = useT()
  const release = useSave<unknown, { batch: Batch }>(`/admin/batches/${props.batch.id}/release`, [keys.batches])
  return (
    <div className="mt-4 flex flex-col gap-y-2">
      <FormError message={release.error ? localizedMessage(release.error, language) : null} />
      <Button
        className="self-start"
        isLoading={release.isPending}
        onClick={() =>
          release.mutate({}, { onSuccess: ({ batch }) => toast.success(t("batch.released", { lot: batch.lot_number })) })
        }
      >
        {t("batch.release")}
      </Button>
    </div>
  )
}

function Labels(props: { batch: Batch }) {
  const { t, language } = useT()
  const b = props.batch
  // The guided flow: the labels still to issue for the planned quantity are pre-filled.
  const toIssue = Math.max(b.units_planned - b.units.length, 0)
  const [count, setCount] = useState(toIssue > 0 ? String(toIssue) : "")
  const [layout, setLayout] = useState<LabelLayoutId>(DEFAULT_LABEL_LAYOUT)
  const issue = useSave<unknown, { units: LabelUnit[] }>(`/admin/batches/${b.id}/units`, [keys.batches])
  return (
    <Section title={t("batch.issueTitle")} subtitle={t("batch.unitsIssued", { count: b.units.length })}>
      <div className="flex flex-col gap-y-3">
        {b.status !== "recalled" && (
          <Form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault()
              issue.mutate(
                { count: Number(count) },
                {
                  onSuccess: ({ units }) => {
                    toast.success(t("batch.issued", { count: units.length }))
                    const left = Math.max(toIssue - units.length, 0)
                    setCount(left > 0 ? String(left) : "")
                  },
                }
              )
            }}
          >
            <Field id="issue-count" label={t("batch.issueCount")}>
              <Input
                id="issue-count"
                className="w-32"
                type="number"
                min={1}
                max={1000}
                step={1}
                inputMode="numeric"
                required
                value={count}
                onChange={(e) => setCount(e.target.value)}
              />
            </Field>
            <Button type="submit" variant="secondary" isLoading={issue.isPending}>
              {t("batch.issue")}
            </Button>
          </Form>
        )}
        <FormError message={issue.error ? localizedMessage(issue.error, language) : null} />
        {b.units.length > 0 && (
          <>
            {/* The API renders the sheet for the chosen paper, with a print button and a PDF download, in a new tab. */}
            <div className="flex flex-wrap items-end gap-3">
              <Field id="label-layout" label={t("batch.labelPaper")}>
                <NativeSelect id="label-layout" value={layout} onChange={(e) => setLayout(e.target.value as LabelLayoutId)}>
                  {LABEL_LAYOUTS.map((l) => (
                    <option key={l.id} value={l.id}>
                      {language.startsWith("th") ? l.name_th : l.name_en}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <Button variant="primary" asChild>
                <a href={`/admin/batches/${b.id}/labels?layout=${layout}`} target="_blank" rel="noopener">
                  {t("batch.printSheet")}
                </a>
              </Button>
              <Button variant="secondary" asChild>
                <a href={`/admin/batches/${b.id}/labels?layout=${layout}&format=pdf`} download>
                  {t("batch.downloadPdf")}
                </a>
              </Button>
            </div>
            <details>
              <summary className="txt-compact-small cursor-pointer">
                {t("batch.units")} ({b.units.length})
              </summary>
              <ul className="txt-compact-xsmall mt-2 grid grid-cols-1 gap-1 font-mono sm:grid-cols-2">
                {b.units.map((u) => (
                  <li key={u.id}>
                    {u.serial} · {t("batch.scans")} {u.scan_count}
                  </li>
                ))}
              </ul>
            </details>
          </>
        )}
        {b.status !== "draft" && (
          <Link to={`/traceability/scans?batch=${b.id}`} className="txt-compact-small text-ui-fg-interactive">
            {t("nav.scans")} →
          </Link>
        )}
      </div>
    </Section>
  )
}

function HoldOrRecall(props: { batch: Batch }) {
  const { t, language } = useT()
  const prompt = usePrompt()
  const b = props.batch
  const [reason, setReason] = useState("")
  const [missing, setMissing] = useState(false)
  const hold = useSave<unknown, { batch: Batch }>(`/admin/batches/${b.id}/hold`, [keys.batches])
  const recall = useSave<unknown, { batch: Batch }>(`/admin/batches/${b.id}/recall`, [keys.batches])
  const done = ({ batch }: { batch: Batch }) => {
    toast.success(t("batch.statusChanged", { status: t(`batch.statuses.${batch.status}`) }))
    setReason("")
  }
  const act = async (action: "hold" | "recall") => {
    if (!reason.trim()) return setMissing(true)
    setMissing(false)
    if (action === "recall") {
      const ok = await prompt({
        title: t("batch.recall"),
        description: t("batch.recallConfirm", { lot: b.lot_number }),
        confirmText: t("batch.recall"),
        cancelText: t("common.cancel"),
      })
      if (!ok) return
      recall.mutate({ reason: reason.trim() }, { onSuccess: done })
    } else {
      hold.mutate({ reason: reason.trim() }, { onSuccess: done })
    }
  }
  const error = hold.error ?? recall.error
  return (
    <Section title={t("batch.holdRecallTitle")}>
      <div className="flex flex-col gap-y-3">
        <Field id="status-reason" label={t("batch.reason")}>
          <Textarea id="status-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={missing} />
        </Field>
        <FormError message={missing ? t("batch.reasonRequired") : error ? localizedMessage(error.message, language) : null} />
        <div className="flex flex-wrap gap-2">
          {b.status === "released" && (
            <Button variant="secondary" isLoading={hold.isPending} onClick={() => act("hold")}>
              {t("batch.hold")}
            </Button>
          )}
          <Button variant="danger" isLoading={recall.isPending} onClick={() => act("recall")}>
            {t("batch.recall")}
          </Button>
        </div>
      </div>
    </Section>
  )
}

function ForwardTrace(props: { batch: Batch }) {
  const { t, dateTime } = useT()
  const b = props.batch
  const pages = useInfiniteQuery({
    queryKey: [...keys.batches, b.id, "orders"],
    enabled: b.status !== "draft",
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      api<{ orders: ForwardTraceRow[]; next: string | null }>(`/admin/batches/${b.id}/orders?limit=100${pageParam ? `&after=${encodeURIComponent(pageParam)}` : ""}`),
    getNextPageParam: (last) => last.next ?? undefined,
  })
  if (b.status === "draft") return null
  const rows = (pages.data?.pages ?? []).flatMap((p) => p.orders)
  return (
    <Section title={t("batch.forwardTrace")} subtitle={t("batch.forwardTraceHint")}>
      {pages.isLoading ? (
        <Loading text={t("common.loading")} />
      ) : pages.error ? (
        <FormError message={pages.error.message} />
      ) : rows.length === 0 ? (
        <Text size="small">{t("batch.noOrders")}</Text>
      ) : (
        <div className="flex flex-col gap-y-2">
          <a href={`/admin/batches/${b.id}/orders?format=csv`} className="txt-compact-small text-ui-fg-interactive" download data-testid="forward-trace-csv">
            {t("batch.downloadCsv")}
          </a>
          <ul className="flex flex-col gap-y-1" data-testid="forward-trace">
            {rows.map((o) => (
              <li key={o.serial} className="txt-compact-small flex flex-wrap gap-x-2">
                <Link to={`/orders/${o.order_id}`} className="text-ui-fg-interactive">
                  #{o.display_id}
                </Link>
                <span>{o.ordered_at ? dateTime(o.ordered_at) : ""}</span>
                <span>{o.customer_name ?? ""}</span>
                <span>{o.phone ?? ""}</span>
                <span>{o.email ?? ""}</span>
                <span className="font-mono">{o.serial}</span>
                <span>{o.method === "scanned" ? t("batch.scanned") : t("batch.fifo")}</span>
              </li>
            ))}
          </ul>
          {pages.hasNextPage ? (
            <Button size="small" variant="secondary" onClick={() => pages.fetchNextPage()} isLoading={pages.isFetchingNextPage}>
              {t("batch.more")}
            </Button>
          ) : null}
        </div>
      )}
    </Section>
  )
}

export default BatchPage
