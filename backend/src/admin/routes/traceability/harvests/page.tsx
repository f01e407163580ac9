import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Text, toast } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { bangkokToday, farmGateAmount, farmGatePriceOn, formatBaht, isCalendarDate } from "@mae-mok/traceability"
import { useState, type FormEvent } from "react"
import { Field, Form, FormError, NativeSelect, TextField } from "../../../components/form"
import { GrownSpeciesOptions, HarvestLotItem } from "../../../components/harvest-lot"
import { Page, QueryState, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { api, localizedMessage } from "../../../lib/api"
import { keys, useHarvests, usePlotLabel, usePlots, useSave, useSpecies } from "../../../lib/queries"
import type { Harvest } from "../../../lib/types"
import { useT } from "../../../lib/use-t"

/** The harvest form is made for a phone in the field: one column, native pickers, big buttons. */
const HarvestsPage = () => {
  const { t, language } = useT()
  const plots = usePlots()
  const plotLabel = usePlotLabel()
  const species = useSpecies()
  const harvests = useHarvests()
  const record = useSave<unknown, { harvest: Harvest }>("/admin/harvests", [keys.harvests])
  const [plotId, setPlotId] = useState("")
  const [speciesId, setSpeciesId] = useState("")
  const [date, setDate] = useState(() => bangkokToday())
  const [kg, setKg] = useState("")
  const plot = plots.data?.find((p) => p.id === plotId)
  // The committee's price for this herb on the harvest day, and what the group will owe the household.
  const prices = useQuery({
    queryKey: ["maemok", "money", "/admin/farm-gate-prices"],
    queryFn: () => api<{ farm_gate_prices: { id: string; species_id: string; price_per_kg_satang: number; valid_from: string; valid_until: string | null }[] }>("/admin/farm-gate-prices"),
  })
  const price = speciesId && isCalendarDate(date)
    ? farmGatePriceOn(
        (prices.data?.farm_gate_prices ?? []).map((p) => ({ id: p.id, speciesId: p.species_id, pricePerKgSatang: p.price_per_kg_satang, validFrom: p.valid_from, validUntil: p.valid_until })),
        speciesId,
        date
      )
    : null
  const grams = Math.round(Number(kg) * 1000)
  const amount = price && Number.isSafeInteger(grams) && grams > 0 ? farmGateAmount(grams, price.pricePerKgSatang) : null

  const pickPlot = (id: string) => {
    setPlotId(id)
    const p = plots.data?.find((x) => x.id === id)
    // Keep the herb only if it is grown on the new plot; preselect when there is just one.
    setSpeciesId((old) => (p?.species_ids.includes(old) ? old : p?.species_ids.length === 1 ? p.species_ids[0] : ""))
    record.reset()
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    record.mutate(
      { plot_id: plotId, species_id: speciesId, harvested_on: date, kg: Number(kg) },
      {
        onSuccess: ({ harvest }) => {
          toast.success(t("harvest.recorded", { kg: harvest.kg_harvested }))
          if (harvest.purchase) toast.success(t("harvest.purchased", { amount: formatBaht(harvest.purchase.satang) }))
          setKg("")
        },
      }
    )
  }
  return (
    <Page>
      <TraceNav />
      <Section title={t("harvest.title")} level="h1">
        <Form onSubmit={submit} className="flex max-w-md flex-col gap-y-4" aria-label={t("harvest.title")}>
          <Field id="harvest-plot" label={t("harvest.plot")}>
            <NativeSelect id="harvest-plot" required value={plotId} onChange={(e) => pickPlot(e.target.value)}>
              <option value="">{t("common.choose")}</option>
              {(plots.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {plotLabel(p)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field
            id="harvest-species"
            label={t("harvest.species")}
            hint={plot ? t("harvest.speciesHint") : t("harvest.pickPlotFirst")}
          >
            <NativeSelect
              id="harvest-species"
              required
              disabled={!plot}
              value={speciesId}
              onChange={(e) => setSpeciesId(e.target.value)}
            >
              <GrownSpeciesOptions species={species.data ?? []} plot={plot} />
            </NativeSelect>
          </Field>
          <TextField
            id="harvest-date"
            label={t("harvest.date")}
            type="date"
            required
            value={date}
            onChange={setDate}
            max={bangkokToday()}
          />
          <TextField
            id="harvest-kg"
            label={t("harvest.kg")}
            type="number"
            required
            min="0.001"
            step="0.001"
            inputMode="decimal"
            value={kg}
            onChange={setKg}
          />
          {speciesId && prices.data && (
            <Text size="small" data-testid="harvest-price">
              {price ? t("harvest.price", { price: formatBaht(price.pricePerKgSatang), amount: amount === null ? "—" : formatBaht(amount) }) : t("harvest.noPrice")}
            </Text>
          )}
          {record.error && (
            <div className="flex flex-col gap-y-1">
              <Text size="small" weight="plus" className="text-ui-fg-error">
                {t("harvest.refused")}
              </Text>
              <FormError message={localizedMessage(record.error, language)} />
            </div>
          )}
          <Button type="submit" size="large" isLoading={record.isPending} className="w-full">
            {t("harvest.submit")}
          </Button>
        </Form>
      </Section>
      <Section title={t("harvest.recent")}>
        <QueryState query={harvests} loading={t("common.loading")} empty={t("common.none")}>
          {(rows) => (
            <ul className="divide-ui-border-base flex flex-col divide-y" data-testid="harvest-list">
              {rows.map((h) => (
                <HarvestLotItem key={h.id} lot={h} plots={plots.data ?? []} species={species.data ?? []} />
              ))}
            </ul>
          )}
        </QueryState>
      </Section>
    </Page>
  )
}

export const config = defineRouteConfig({ label: "nav.harvests", translationNs: "maemok", rank: 4 })

export default HarvestsPage
