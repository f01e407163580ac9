import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useSearchParams } from "react-router-dom"
import { Field, FormError, NativeSelect } from "../../../components/form"
import { Loading, Page, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { api } from "../../../lib/api"
import { keys, useBatches } from "../../../lib/queries"
import type { BatchScans, SuspiciousScans } from "../../../lib/types"
import { useT } from "../../../lib/use-t"

const ScansPage = () => {
  const { t } = useT()
  const [params, setParams] = useSearchParams()
  const batchId = params.get("batch") ?? ""
  const batches = useBatches()
  return (
    <Page>
      <TraceNav />
      <Section title={t("scans.title")} level="h1">
        <Field id="scans-batch" label={t("scans.batch")}>
          <NativeSelect
            id="scans-batch"
            value={batchId}
            onChange={(e) => setParams(e.target.value ? { batch: e.target.value } : {})}
          >
            <option value="">{t("scans.pickBatch")}</option>
            {(batches.data ?? [])
              .filter((b) => b.status !== "draft")
              .map((b) => (
                <option key={b.id} value={b.id}>
                  {b.lot_number} · {b.variant?.title ?? ""}
                </option>
              ))}
          </NativeSelect>
        </Field>
        {batchId && <BatchScansView batchId={batchId} />}
      </Section>
      <Suspicious />
    </Page>
  )
}

function BatchScansView(props: { batchId: string }) {
  const { t } = useT()
  const scans = useQuery({
    queryKey: [...keys.scans, props.batchId],
    queryFn: () => api<BatchScans>(`/admin/batches/${props.batchId}/scans`),
  })
  if (scans.isLoading) return <Loading text={t("common.loading")} />
  if (scans.error || !scans.data) return <FormError message={scans.error?.message ?? ""} />
  const s = scans.data
  const max = Math.max(1, ...s.by_day.map((d) => d.scans))
  return (
    <div className="mt-4 flex flex-col gap-y-2" data-testid="batch-scans">
      <Text size="small" weight="plus">
        {t("scans.total", { count: s.total })} · {t("scans.unitsScanned", { scanned: s.units_scanned, total: s.units_total })}
      </Text>
      {/* A bar per day; plain CSS so it needs no chart library and fits a phone. */}
      <ul className="flex flex-col gap-y-1">
        {s.by_day.map((d) => (
          <li key={d.day} className="txt-compact-xsmall grid grid-cols-[6rem_1fr_auto] items-center gap-x-2">
            <span>{d.day}</span>
            <span className="bg-ui-bg-subtle h-3 rounded">
              <span className="bg-ui-fg-interactive block h-3 rounded" style={{ width: `${(d.scans / max) * 100}%` }} />
            </span>
            <span>
              {d.scans} ({t("scans.firstScans")} {d.first_scans})
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

function Suspicious() {
  const { t, dateTime } = useT()
  const suspicious = useQuery({
    queryKey: [...keys.scans, "suspicious"],
    queryFn: () => api<SuspiciousScans>("/admin/scans/suspicious"),
  })
  const d = suspicious.data
  const empty = d && d.unknown_serials.length + d.lot_mismatches.length + d.over_scanned.length === 0
  return (
    <Section title={t("scans.suspiciousTitle")} subtitle={t("scans.suspiciousHint")}>
      {suspicious.isLoading ? (
        <Loading text={t("common.loading")} />
      ) : suspicious.error || !d ? (
        <FormError message={suspicious.error?.message ?? ""} />
      ) : empty ? (
        <Text size="small">{t("scans.noSuspicious")}</Text>
      ) : (
        <div className="flex flex-col gap-y-4" data-testid="suspicious">
          {(
            [
              ["unknownSerials", d.unknown_serials],
              ["lotMismatches", d.lot_mismatches],
            ] as const
          ).map(
            ([label, rows]) =>
              rows.length > 0 && (
                <div key={label}>
                  <Text size="small" weight="plus">
                    {t(`scans.${label}`)}
                  </Text>
                  <ul className="txt-compact-xsmall font-mono">
                    {rows.map((r) => (
                      <li key={`${r.gtin}/${r.lot}/${r.serial}`} className="break-all">
                        {r.lot}/{r.serial} · {r.scans}× · {t("scans.lastScan")} {dateTime(r.last_scan_at)}
                      </li>
                    ))}
                  </ul>
                </div>
              )
          )}
          {d.over_scanned.length > 0 && (
            <div>
              <Text size="small" weight="plus">
                {t("scans.overScanned")}
              </Text>
              <ul className="txt-compact-xsmall font-mono">
                {d.over_scanned.map((r) => (
                  <li key={r.serial}>
                    {r.lot_number}/{r.serial} · {t("scans.networks", { scans: r.scan_count, networks: r.network_count })}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Section>
  )
}

export const config = defineRouteConfig({ label: "nav.scans", translationNs: "maemok", rank: 6 })

export default ScansPage
