import { Badge, Button, Text, toast, usePrompt } from "@medusajs/ui"
import { bangkokToday, formatBaht } from "@mae-mok/traceability"
import { useState, type FormEvent, type ReactNode } from "react"
import { localizedMessage } from "../lib/api"
import { keys, usePlotLabel, useSave } from "../lib/queries"
import type { Harvest, HerbSpecies, Plot } from "../lib/types"
import { useT } from "../lib/use-t"
import { Field, Form, FormError, NativeSelect, TextField } from "./form"

type Rebooking = { reversed_satang: number; purchase: { satang: number } | null }
type Answer = { harvest: Harvest & { rebooking: Rebooking } }

/**
 * One harvest lot in the list (issue 15, decision 0067): while no batch uses it, "แก้ไข" opens the correction
 * form and "ยกเลิก" the void form, each with a required reason; a voided lot is struck through with its reason;
 * the corrections are listed under it.
 */
export function HarvestLotItem(props: { lot: Harvest; plots: Plot[]; species: HerbSpecies[] }) {
  const { t, date: formatDate, dateTime } = useT()
  const h = props.lot
  const [open, setOpen] = useState<"edit" | "void" | null>(null)
  const speciesName = (id: string) => props.species.find((s) => s.id === id)?.thai_name ?? id
  const plotCode = (id: string) => props.plots.find((p) => p.id === id)?.code ?? id
  const voided = h.voided_at != null
  const changeable = !voided && h.kg_used === 0
  const shown = (field: string, v: string | number) =>
    field === "plot_id" ? plotCode(String(v)) : field === "species_id" ? speciesName(String(v)) : field === "harvested_on" ? formatDate(String(v)) : `${v} กก.`
  const fieldLabel: Record<string, string> = { plot_id: t("harvest.plot"), species_id: t("harvest.species"), harvested_on: t("harvest.date"), kg: t("harvest.kg") }
  return (
    <li className="flex flex-col gap-y-1 py-2" data-testid="harvest-lot" data-lot={h.id} data-voided={voided ? "" : undefined}>
      <Text size="small" weight="plus" className={voided ? "text-ui-fg-muted line-through" : undefined}>
        {formatDate(h.harvested_on)} · {h.plot_code} · {speciesName(h.species_id)}
      </Text>
      <Text size="xsmall" className={voided ? "text-ui-fg-muted line-through" : "text-ui-fg-subtle"}>
        {t("harvest.harvested", { kg: h.kg_harvested })} · {t("harvest.left", { kg: h.kg_left })} ·{" "}
        {h.certifications.map((c) => `${c.scheme} ${c.certificateNumber ?? ""}`.trim()).join(", ")}
      </Text>
      {voided && (
        <div className="flex flex-wrap items-center gap-2" data-testid="harvest-voided">
          <Badge size="2xsmall" color="red">
            {t("harvest.voided")}
          </Badge>
          <Text size="xsmall">{t("harvest.voidedBecause", { when: dateTime(h.voided_at), reason: h.void_reason ?? "" })}</Text>
        </div>
      )}
      {!voided && h.kg_used > 0 && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {t("harvest.inBatch")}
        </Text>
      )}
      {h.corrections.length > 0 && (
        <details className="txt-compact-xsmall" data-testid="harvest-history">
          <summary className="text-ui-fg-interactive cursor-pointer">
            {t("harvest.history")} ({h.corrections.length})
          </summary>
          <ul className="flex flex-col gap-y-1 pl-4 pt-1">
            {h.corrections.map((c) => (
              <li key={c.id}>
                {dateTime(c.created_at)} · {c.reason} ·{" "}
                {Object.entries(c.changes)
                  .map(([field, ch]) => t("harvest.changeLine", { field: fieldLabel[field] ?? field, before: shown(field, ch!.before), after: shown(field, ch!.after) }))
                  .join(", ")}
              </li>
            ))}
          </ul>
        </details>
      )}
      {changeable && open === null && (
        <div className="flex gap-2">
          <Button size="small" variant="secondary" onClick={() => setOpen("edit")}>
            {t("harvest.edit")}
          </Button>
          <Button size="small" variant="danger" onClick={() => setOpen("void")}>
            {t("harvest.void")}
          </Button>
        </div>
      )}
      {changeable && open === "edit" && <CorrectForm lot={h} plots={props.plots} species={props.species} close={() => setOpen(null)} />}
      {changeable && open === "void" && <VoidForm lot={h} close={() => setOpen(null)} />}
    </li>
  )
}

/** Toasts what the ledger did: the reversal and the purchase booked again. */
function useRebookedToast() {
  const { t } = useT()
  return (r: Rebooking) => {
    if (r.reversed_satang !== 0 || r.purchase) {
      toast.success(t("harvest.rebooked", { reversed: formatBaht(-r.reversed_satang), amount: r.purchase ? formatBaht(r.purchase.satang) : "—" }))
    }
  }
}

function CorrectForm(props: { lot: Harvest; plots: Plot[]; species: HerbSpecies[]; close: () => void }) {
  const { t } = useT()
  const h = props.lot
  const plotLabel = usePlotLabel()
  const save = useSave<unknown, Answer>(`/admin/harvests/${h.id}`, [keys.harvests])
  const rebooked = useRebookedToast()
  const [plotId, setPlotId] = useState(h.plot_id)
  const [speciesId, setSpeciesId] = useState(h.species_id)
  const [date, setDate] = useState(h.harvested_on)
  const [kg, setKg] = useState(String(h.kg_harvested))
  const [reason, setReason] = useState("")
  const plot = props.plots.find((p) => p.id === plotId)
  const id = (name: string) => `harvest-${h.id}-${name}`
  const submit = (e: FormEvent) => {
    e.preventDefault()
    // Only what changed is sent; the audit row lists exactly those fields.
    const body: Record<string, unknown> = { reason: reason.trim() }
    if (plotId !== h.plot_id) body.plot_id = plotId
    if (speciesId !== h.species_id) body.species_id = speciesId
    if (date !== h.harvested_on) body.harvested_on = date
    if (Number(kg) !== h.kg_harvested) body.kg = Number(kg)
    save.mutate(body, {
      onSuccess: ({ harvest }) => {
        toast.success(t("harvest.corrected"))
        rebooked(harvest.rebooking)
        props.close()
      },
    })
  }
  return (
    <ChangeForm title={t("harvest.editTitle")} testId="harvest-correct-form" onSubmit={submit} error={save.error} busy={save.isPending} submit={t("harvest.saveCorrection")} close={props.close}>
      <Field id={id("plot")} label={t("harvest.plot")}>
        <NativeSelect
          id={id("plot")}
          required
          value={plotId}
          onChange={(e) => {
            const p = props.plots.find((x) => x.id === e.target.value)
            setPlotId(e.target.value)
            setSpeciesId((old) => (p?.species_ids.includes(old) ? old : p?.species_ids.length === 1 ? p.species_ids[0]! : ""))
          }}
        >
          {props.plots.map((p) => (
            <option key={p.id} value={p.id}>
              {plotLabel(p)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id={id("species")} label={t("harvest.species")}>
        <NativeSelect id={id("species")} required value={speciesId} onChange={(e) => setSpeciesId(e.target.value)}>
          <GrownSpeciesOptions species={props.species} plot={plot} />
        </NativeSelect>
      </Field>
      <TextField id={id("date")} label={t("harvest.date")} type="date" required value={date} onChange={setDate} max={bangkokToday()} />
      <TextField id={id("kg")} label={t("harvest.kg")} type="number" required min="0.001" step="0.001" inputMode="decimal" value={kg} onChange={setKg} />
      <TextField id={id("reason")} label={t("harvest.reason")} hint={t("harvest.reasonHint")} required maxLength={1000} value={reason} onChange={setReason} />
    </ChangeForm>
  )
}

function VoidForm(props: { lot: Harvest; close: () => void }) {
  const { t, date: formatDate } = useT()
  const prompt = usePrompt()
  const h = props.lot
  const voidLot = useSave<unknown, Answer>(`/admin/harvests/${h.id}/void`, [keys.harvests])
  const rebooked = useRebookedToast()
  const [reason, setReason] = useState("")
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await prompt({
      title: t("harvest.voidTitle"),
      description: t("harvest.voidConfirm", { kg: h.kg_harvested, date: formatDate(h.harvested_on) }),
      confirmText: t("harvest.voidSubmit"),
      cancelText: t("harvest.close"),
    })
    if (!ok) return
    voidLot.mutate(
      { reason: reason.trim() },
      {
        onSuccess: ({ harvest }) => {
          toast.success(t("harvest.voidedToast"))
          rebooked(harvest.rebooking)
          props.close()
        },
      }
    )
  }
  return (
    <ChangeForm title={t("harvest.voidTitle")} testId="harvest-void-form" onSubmit={submit} error={voidLot.error} busy={voidLot.isPending} submit={t("harvest.voidSubmit")} danger close={props.close}>
      <TextField id={`harvest-${h.id}-void-reason`} label={t("harvest.reason")} hint={t("harvest.reasonHint")} required maxLength={1000} value={reason} onChange={setReason} />
    </ChangeForm>
  )
}

/** The frame both forms share: title, fields, the API's refusal (only after an attempt), submit and close. */
function ChangeForm(props: {
  title: string
  testId: string
  onSubmit: (e: FormEvent) => void
  error: Error | null
  busy: boolean
  submit: string
  danger?: boolean
  close: () => void
  children: ReactNode
}) {
  const { t, language } = useT()
  return (
    <Form onSubmit={props.onSubmit} className="flex max-w-md flex-col gap-y-3 rounded-md border p-3" aria-label={props.title} data-testid={props.testId}>
      <Text size="small" weight="plus">
        {props.title}
      </Text>
      {props.children}
      {props.error && <FormError message={localizedMessage(props.error, language)} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="small" variant={props.danger ? "danger" : "primary"} isLoading={props.busy}>
          {props.submit}
        </Button>
        <Button type="button" size="small" variant="secondary" onClick={props.close}>
          {t("harvest.close")}
        </Button>
      </div>
    </Form>
  )
}

/** The herbs registered on a plot, as a picker's options (the new-harvest form and the correction). */
export function GrownSpeciesOptions(props: { species: HerbSpecies[]; plot: Plot | undefined }) {
  const { t } = useT()
  return (
    <>
      <option value="">{t("common.choose")}</option>
      {props.species
        .filter((s) => props.plot?.species_ids.includes(s.id))
        .map((s) => (
          <option key={s.id} value={s.id}>
            {s.thai_name}
          </option>
        ))}
    </>
  )
}
