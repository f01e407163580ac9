import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Checkbox, Label, Text, toast } from "@medusajs/ui"
import { useState, type FormEvent } from "react"
import { Link, useNavigate } from "react-router-dom"
import { CertBadge } from "../../../components/badges"
import { decimalInput, Field, Form, NativeSelect, SubmitRow, useFields } from "../../../components/form"
import { Page, QueryState, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { keys, useHouseholds, usePlots, useSave, useSpecies } from "../../../lib/queries"
import type { Plot } from "../../../lib/types"
import { useT } from "../../../lib/use-t"

const PlotsPage = () => {
  const { t } = useT()
  const plots = usePlots()
  const households = useHouseholds()
  const species = useSpecies()
  const [adding, setAdding] = useState(false)
  const householdOf = (id: string) => households.data?.find((h) => h.id === id)
  const speciesName = (id: string) => species.data?.find((s) => s.id === id)?.thai_name ?? id
  return (
    <Page>
      <TraceNav />
      <Section
        title={t("plot.listTitle")}
        level="h1"
        actions={
          !adding && (
            <Button size="small" variant="secondary" onClick={() => setAdding(true)}>
              {t("plot.addTitle")}
            </Button>
          )
        }
      >
        <QueryState query={plots} loading={t("common.loading")} empty={t("common.none")}>
          {(rows) => (
            <ul className="divide-ui-border-base flex flex-col divide-y">
              {rows.map((p) => (
                <li key={p.id} className="flex flex-col gap-y-1 py-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link to={`/traceability/plots/${p.id}`} className="txt-compact-small-plus text-ui-fg-interactive">
                      {p.code}
                    </Link>
                    <Text size="small" className="text-ui-fg-subtle">
                      {householdOf(p.household_id)?.alias ?? ""} · {p.species_ids.map(speciesName).join(", ")}
                    </Text>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    {p.certifications.length === 0 ? (
                      <Text size="xsmall" className="text-ui-fg-muted">
                        {t("plot.noCertifications")}
                      </Text>
                    ) : (
                      p.certifications.map((c) => (
                        <span key={c.id} className="flex items-center gap-1">
                          <Text size="xsmall">
                            {c.scheme} {c.certificate_number}
                          </Text>
                          <CertBadge cert={c} />
                        </span>
                      ))
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </Section>
      {adding && <AddPlot onCancel={() => setAdding(false)} />}
    </Page>
  )
}

function AddPlot(props: { onCancel: () => void }) {
  const { t } = useT()
  const navigate = useNavigate()
  const households = useHouseholds()
  const species = useSpecies()
  const create = useSave<unknown, { plot: Plot }>("/admin/plots", [keys.plots])
  const {
    values: v,
    setValues: setV,
    field,
  } = useFields("plot", {
    code: "",
    household_id: "",
    area_rai: "",
    village: "",
    village_en: "",
    moo: "",
    tambon: "แม่มอก",
    amphoe: "เถิน",
    province: "ลำปาง",
    lat: "",
    lng: "",
  })
  const [speciesIds, setSpeciesIds] = useState<string[]>([])
  const pickHousehold = (id: string) => {
    // A plot usually lies in its household's village: fill the place in from it.
    const h = households.data?.find((x) => x.id === id)
    setV((old) => ({
      ...old,
      household_id: id,
      ...(h ? { village: h.village, village_en: h.village_en ?? "", moo: h.moo ?? "", tambon: h.tambon, amphoe: h.amphoe, province: h.province } : {}),
    }))
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const opt = (x: string) => (x.trim() === "" ? undefined : x.trim())
    const num = (x: string) => (x.trim() === "" ? undefined : Number(x))
    const lat = num(v.lat)
    const lng = num(v.lng)
    create.mutate(
      {
        code: v.code.trim(),
        household_id: v.household_id,
        area_rai: num(v.area_rai),
        species_ids: speciesIds,
        village: v.village.trim(),
        village_en: opt(v.village_en),
        moo: opt(v.moo),
        tambon: v.tambon.trim(),
        amphoe: v.amphoe.trim(),
        province: v.province.trim(),
        private: lat !== undefined || lng !== undefined ? { lat, lng } : undefined,
      },
      {
        onSuccess: ({ plot }) => {
          toast.success(t("plot.created", { code: plot.code }))
          navigate(`/traceability/plots/${plot.id}`)
        },
      }
    )
  }
  return (
    <Section
      title={t("plot.addTitle")}
      actions={
        <Button size="small" variant="transparent" onClick={props.onCancel}>
          {t("common.cancel")}
        </Button>
      }
    >
      <Form onSubmit={submit} className="flex flex-col gap-y-4">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {field("code", t("plot.code"), { required: true, placeholder: "MM-P-0171" })}
          <Field id="plot-household" label={t("plot.household")}>
            <NativeSelect id="plot-household" required value={v.household_id} onChange={(e) => pickHousehold(e.target.value)}>
              <option value="">{t("common.choose")}</option>
              {(households.data ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {h.code} · {h.alias}
                </option>
              ))}
            </NativeSelect>
          </Field>
          {field("area_rai", t("plot.area"), decimalInput)}
          {field("village", t("household.village"), { required: true, maxLength: 200 })}
          {field("village_en", t("household.villageEn"), { maxLength: 200, lang: "en", placeholder: t("household.englishHint") })}
          {field("moo", t("household.moo"), { inputMode: "numeric" })}
          {field("tambon", t("household.tambon"), { required: true })}
          {field("amphoe", t("household.amphoe"), { required: true })}
          {field("province", t("household.province"), { required: true })}
          {field("lat", t("plot.lat"), { ...decimalInput, min: -90 })}
          {field("lng", t("plot.lng"), { ...decimalInput, min: -180 })}
        </div>
        <fieldset className="flex flex-col gap-y-2">
          <legend className="txt-compact-small-plus mb-1">{t("plot.species")}</legend>
          {(species.data ?? []).map((s) => (
            <div key={s.id} className="flex items-center gap-x-2">
              <Checkbox
                id={`plot-species-${s.id}`}
                checked={speciesIds.includes(s.id)}
                onCheckedChange={(checked) =>
                  setSpeciesIds((old) => (checked === true ? [...old, s.id] : old.filter((x) => x !== s.id)))
                }
              />
              <Label htmlFor={`plot-species-${s.id}`} size="small">
                {s.thai_name} <i>({s.scientific_name})</i>
              </Label>
            </div>
          ))}
        </fieldset>
        <SubmitRow error={create.error} busy={create.isPending} label={t("common.save")} />
      </Form>
    </Section>
  )
}

export const config = defineRouteConfig({ label: "nav.plots", translationNs: "maemok", rank: 2 })

export default PlotsPage
