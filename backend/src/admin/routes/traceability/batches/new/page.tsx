import { Text, toast } from "@medusajs/ui"
import { bangkokToday, checkConsumption, shares, type BatchInputLine } from "@mae-mok/traceability"
import { useMemo, useState, type FormEvent } from "react"
import { useNavigate } from "react-router-dom"
import { Field, Form, Input, NativeSelect, SubmitRow, useFields, wholeInput } from "../../../../components/form"
import { Loading, Page, Section } from "../../../../components/section"
import { TraceNav } from "../../../../components/trace-nav"
import { keys, useHarvests, usePlotLabel, usePlots, useSave, useSpecies, useVariants } from "../../../../lib/queries"
import type { Batch, Harvest } from "../../../../lib/types"
import { useT } from "../../../../lib/use-t"

/** Only lines with a number typed in count; the server checks them again under a row lock. */
function inputLines(lots: Harvest[], kgByLot: Record<string, string>): BatchInputLine[] {
  return lots
    .filter((lot) => (kgByLot[lot.id] ?? "").trim() !== "")
    .map((lot) => ({
      harvestLotId: lot.id,
      plotId: lot.plot_id,
      householdId: lot.household_id,
      speciesId: lot.species_id,
      kgUsed: Number(kgByLot[lot.id]),
    }))
}

const NewBatchPage = () => {
  const { t, language, date } = useT()
  const navigate = useNavigate()
  const variants = useVariants()
  const lots = useHarvests({ available: true })
  const plots = usePlots()
  const species = useSpecies()
  const create = useSave<unknown, { batch: Batch }>("/admin/batches", [keys.batches, keys.harvests])
  const [variantId, setVariantId] = useState("")
  const { values: f, field } = useFields("batch", { produced_on: bangkokToday(), best_before: "", units_planned: "" })
  const [kgByLot, setKgByLot] = useState<Record<string, string>>({})
  const [herbFilter, setHerbFilter] = useState("")

  const available = lots.data ?? []
  // Lots grouped by herb, then plot (code · household alias · village), oldest first within a group.
  const plotLabel = usePlotLabel()
  const plotName = (id: string) => {
    const plot = plots.data?.find((p) => p.id === id)
    return plot ? plotLabel(plot) : id
  }
  const groups = useMemo(() => {
    const byKey = new Map<string, { species_id: string; plot_id: string; lots: Harvest[] }>()
    for (const lot of available) {
      if (herbFilter && lot.species_id !== herbFilter) continue
      const key = `${lot.species_id}|${lot.plot_id}`
      if (!byKey.has(key)) byKey.set(key, { species_id: lot.species_id, plot_id: lot.plot_id, lots: [] })
      byKey.get(key)!.lots.push(lot)
    }
    return [...byKey.values()].sort((a, b) => a.species_id.localeCompare(b.species_id) || a.plot_id.localeCompare(b.plot_id))
  }, [available, herbFilter])
  const herbsAvailable = [...new Set(available.map((lot) => lot.species_id))]
  const lines = inputLines(available, kgByLot)
  // The live preview runs the same mass-balance check as the server (traceability core).
  const check = useMemo(
    () =>
      checkConsumption(
        lines,
        available.map((lot) => ({ harvestLotId: lot.id, kgHarvested: lot.kg_harvested, kgAlreadyUsed: lot.kg_used }))
      ),
    [JSON.stringify(lines), available]
  )
  const problemOf = (id: string) => (check.ok ? undefined : check.problems.find((p) => p.harvestLotId === id))
  const leftAfter = (id: string) => (check.ok ? check.remaining.find((r) => r.harvestLotId === id)?.kgRemainingAfter : undefined)
  const preview = check.ok && lines.length > 0 ? shares(lines) : null
  const plotCode = (id: string) => plots.data?.find((p) => p.id === id)?.code ?? id
  const speciesName = (id: string) => species.data?.find((s) => s.id === id)?.thai_name ?? id

  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      {
        variant_id: variantId,
        produced_on: f.produced_on,
        ...(f.best_before ? { best_before: f.best_before } : {}),
        units_planned: Number(f.units_planned),
        inputs: lines.map((l) => ({ harvest_lot_id: l.harvestLotId, kg: l.kgUsed })),
      },
      {
        onSuccess: ({ batch }) => {
          toast.success(t("batch.created", { lot: batch.lot_number }))
          navigate(`/traceability/batches/${batch.id}`)
        },
      }
    )
  }

  return (
    <Page>
      <TraceNav />
      <Section title={t("batch.newTitle")} level="h1">
        <Form onSubmit={submit} className="flex flex-col gap-y-4">
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field id="batch-variant" label={t("batch.variant")}>
              <NativeSelect id="batch-variant" required value={variantId} onChange={(e) => setVariantId(e.target.value)}>
                <option value="">{t("common.choose")}</option>
                {(variants.data ?? []).map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.product?.title ?? ""} · {v.title}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            {field("units_planned", t("batch.unitsPlanned"), { ...wholeInput, required: true })}
            {field("produced_on", t("batch.producedOn"), { type: "date", required: true })}
            {field("best_before", t("batch.bestBefore"), { type: "date" })}
          </div>

          <fieldset className="flex flex-col gap-y-2">
            <legend className="txt-compact-small-plus">{t("batch.inputs")}</legend>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {t("batch.inputsHint")}
            </Text>
            {lots.isLoading ? (
              <Loading text={t("common.loading")} />
            ) : available.length === 0 ? (
              <Text size="small">{t("batch.noAvailableLots")}</Text>
            ) : (
              <div className="flex flex-col gap-y-3" data-testid="batch-lots">
                {herbsAvailable.length > 1 && (
                  <Field id="batch-herb-filter" label={t("batch.filterHerb")}>
                    <NativeSelect id="batch-herb-filter" value={herbFilter} onChange={(e) => setHerbFilter(e.target.value)}>
                      <option value="">{t("batch.allHerbs")}</option>
                      {herbsAvailable.map((id) => (
                        <option key={id} value={id}>
                          {speciesName(id)}
                        </option>
                      ))}
                    </NativeSelect>
                  </Field>
                )}
                {groups.map((g) => (
                <section key={`${g.species_id}|${g.plot_id}`} className="rounded-md border border-ui-border-base px-3" data-testid="lot-group">
                  <Text size="small" weight="plus" className="pt-2" data-testid="group-title">
                    {speciesName(g.species_id)} · {plotName(g.plot_id)}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle" data-testid="group-left">
                    {t("batch.groupLeft", { kg: Math.round(g.lots.reduce((sum, lot) => sum + lot.kg_left, 0) * 1000) / 1000, lots: g.lots.length })}
                  </Text>
                <ul className="divide-ui-border-base flex flex-col divide-y">
                {g.lots.map((lot) => {
                  const problem = problemOf(lot.id)
                  const after = leftAfter(lot.id)
                  return (
                    <li key={lot.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-lot={lot.id}>
                      <div className="min-w-0 flex-1">
                        <Text size="small" weight="plus">
                          {date(lot.harvested_on)} · {lot.plot_code} · {speciesName(lot.species_id)}
                        </Text>
                        <Text
                          size="xsmall"
                          className={after !== undefined ? "text-ui-fg-interactive" : "text-ui-fg-subtle"}
                          data-testid="lot-left"
                        >
                          {after !== undefined ? t("batch.lotLeftAfter", { kg: after }) : t("batch.lotLeft", { kg: lot.kg_left })}
                        </Text>
                        {problem && (
                          <Text size="xsmall" className="text-ui-fg-error" role="alert">
                            {language.startsWith("th") ? problem.message_th : problem.message_en}
                          </Text>
                        )}
                      </div>
                      <Input
                        aria-label={`${t("batch.use")} ${lot.plot_code} ${lot.harvested_on}`}
                        className="w-28"
                        type="number"
                        min="0.001"
                        step="0.001"
                        inputMode="decimal"
                        placeholder={t("batch.use")}
                        value={kgByLot[lot.id] ?? ""}
                        onChange={(e) => setKgByLot((old) => ({ ...old, [lot.id]: e.target.value }))}
                      />
                    </li>
                  )
                })}
                </ul>
                </section>
                ))}
              </div>
            )}
          </fieldset>

          <div className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-md p-3" aria-live="polite" data-testid="mass-balance">
            <Text size="small" weight="plus">
              {t("batch.preview")}
            </Text>
            {preview ? (
              <>
                <Text size="small">{t("batch.totalKg", { kg: preview.totalKg, lots: preview.harvestLotsCount })}</Text>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {t("batch.sharePlot")}: {preview.byPlot.map((s) => `${plotCode(s.id)} ${s.percent}%`).join(" · ")}
                </Text>
              </>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                {lines.length === 0 ? t("batch.noInputs") : "—"}
              </Text>
            )}
          </div>

          <SubmitRow
            error={create.error}
            busy={create.isPending}
            label={t("batch.create")}
            disabled={!check.ok || lines.length === 0}
          />
        </Form>
      </Section>
    </Page>
  )
}

export default NewBatchPage
