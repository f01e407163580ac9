import { Button, Checkbox, Switch, Label, Text, Textarea } from "@medusajs/ui"
import { aliasContainsGivenName } from "@mae-mok/traceability"
import { useState, type FormEvent } from "react"
import { api, localizedMessage, type ApiError } from "../lib/api"
import { useUserLabel } from "../lib/queries"
import type { Household } from "../lib/types"
import { useT } from "../lib/use-t"
import { Field, Form, SubmitRow, useFields, wholeInput } from "./form"

type Values = Record<
  | "code"
  | "alias"
  | "alias_en"
  | "village"
  | "village_en"
  | "moo"
  | "tambon"
  | "amphoe"
  | "province"
  | "members_count"
  | "given_name"
  | "given_name_en"
  | "story"
  | "story_en"
  | "family_name"
  | "poverty_tier"
  | "national_id"
  | "phone"
  | "income_thb_per_year"
  | "address",
  string
>
type ConsentValues = { given_name: boolean; photo: boolean; story: boolean }
const PRIVATE_KEYS = ["family_name", "poverty_tier", "national_id", "phone", "income_thb_per_year", "address"] as const
type PrivateKey = (typeof PRIVATE_KEYS)[number]
type Shown = Partial<Record<PrivateKey, true>>

function initialValues(h?: Household): Values {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v))
  return {
    code: s(h?.code),
    alias: s(h?.alias),
    alias_en: s(h?.alias_en),
    village: s(h?.village),
    village_en: s(h?.village_en),
    moo: s(h?.moo),
    // New households are almost always in Tambon Mae Mok.
    tambon: h ? h.tambon : "แม่มอก",
    amphoe: h ? h.amphoe : "เถิน",
    province: h ? h.province : "ลำปาง",
    members_count: s(h?.members_count),
    given_name: s(h?.given_name),
    given_name_en: s(h?.given_name_en),
    story: s(h?.story),
    story_en: s(h?.story_en),
    // The API answers private values masked; one is filled in only when revealed (see PrivateField).
    family_name: "",
    poverty_tier: "",
    national_id: "",
    phone: "",
    income_thb_per_year: "",
    address: "",
  }
}

/** A private field still masked on this form: stored, not revealed, so not sent (the stored value stays). */
function isMasked(h: Household | undefined, k: PrivateKey, shown: Shown): boolean {
  return !!h && h.private?.[k] !== null && h.private?.[k] !== undefined && !shown[k]
}

/**
 * The API body: on create, empty fields are left out; on update, a cleared field is sent as null and a
 * private field never revealed is left out.
 */
function toBody(v: Values, consent: ConsentValues, h: Household | undefined, shown: Shown, confirmAlias: boolean) {
  const isUpdate = !!h
  const text = (x: string) => (x.trim() === "" ? (isUpdate ? null : undefined) : x.trim())
  const num = (x: string) => (x.trim() === "" ? (isUpdate ? null : undefined) : Number(x))
  const priv = <T,>(k: PrivateKey, value: T) => (isMasked(h, k, shown) ? undefined : value)
  return {
    code: v.code.trim(),
    alias: v.alias.trim(),
    alias_en: text(v.alias_en),
    village: v.village.trim(),
    village_en: text(v.village_en),
    moo: text(v.moo),
    tambon: v.tambon.trim(),
    amphoe: v.amphoe.trim(),
    province: v.province.trim(),
    members_count: num(v.members_count),
    given_name: text(v.given_name),
    given_name_en: text(v.given_name_en),
    story: text(v.story),
    story_en: text(v.story_en),
    consent,
    ...(confirmAlias ? { confirm_alias_contains_name: true } : {}),
    private: {
      family_name: priv("family_name", text(v.family_name)),
      poverty_tier: priv("poverty_tier", text(v.poverty_tier)),
      national_id: priv("national_id", text(v.national_id)),
      phone: priv("phone", text(v.phone)),
      income_thb_per_year: priv("income_thb_per_year", num(v.income_thb_per_year)),
      address: priv("address", text(v.address)),
    },
  }
}

/** Create or edit a household, consent switches included. */
export function HouseholdForm(props: {
  household?: Household
  busy: boolean
  error: string | null
  onSubmit: (body: ReturnType<typeof toBody>) => void
}) {
  const { t, dateTime } = useT()
  const { values: v, set, field: text } = useFields("household", initialValues(props.household))
  const [shown, setShown] = useState<Shown>({})
  const [consent, setConsent] = useState<ConsentValues>(() => ({
    given_name: props.household?.consent.given_name ?? false,
    photo: props.household?.consent.photo ?? false,
    story: props.household?.consent.story ?? false,
  }))
  // An alias is always public: one that carries the given name publishes it whatever the consent (decision 0020).
  const aliasHasName = aliasContainsGivenName(v.alias, v.given_name)
  const [confirmAlias, setConfirmAlias] = useState(false)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    props.onSubmit(toBody(v, consent, props.household, shown, aliasHasName && confirmAlias))
  }
  const recorded = props.household?.consent.recorded_at
  return (
    <Form onSubmit={submit} className="flex flex-col gap-y-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {text("code", t("household.code"), { required: true, placeholder: "MM-H-017" })}
        {text("moo", t("household.moo"), { inputMode: "numeric" })}
        {/* Each public text with its English beside it (decision 0068): optional, the English page falls back to the Thai. */}
        {text("alias", t("household.alias"), { required: true, maxLength: 200 })}
        {text("alias_en", t("household.aliasEn"), { maxLength: 200, lang: "en", placeholder: t("household.englishHint") })}
        {text("village", t("household.village"), { required: true, maxLength: 200 })}
        {text("village_en", t("household.villageEn"), { maxLength: 200, lang: "en", placeholder: t("household.englishHint") })}
        {text("given_name", t("household.givenName"), { maxLength: 200 })}
        {text("given_name_en", t("household.givenNameEn"), { maxLength: 200, lang: "en", placeholder: t("household.englishHint") })}
        {text("tambon", t("household.tambon"), { required: true })}
        {text("amphoe", t("household.amphoe"), { required: true })}
        {text("province", t("household.province"), { required: true })}
        {text("members_count", t("household.members"), wholeInput)}
      </div>
      {aliasHasName && (
        <div role="alert" data-testid="alias-warning" className="bg-ui-tag-orange-bg text-ui-tag-orange-text flex flex-col gap-y-2 rounded-md px-3 py-2">
          <Text size="small">{t("household.aliasHasName")}</Text>
          <div className="flex items-center gap-x-2">
            <Checkbox id="household-confirm-alias" checked={confirmAlias} onCheckedChange={(c) => setConfirmAlias(c === true)} />
            <Label htmlFor="household-confirm-alias" size="small">
              {t("household.aliasHasNameConfirm")}
            </Label>
          </div>
        </div>
      )}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field id="household-story" label={t("household.story")}>
          <Textarea id="household-story" maxLength={2000} value={v.story} onChange={(e) => set("story")(e.target.value)} />
        </Field>
        <Field id="household-story_en" label={t("household.storyEn")}>
          <Textarea id="household-story_en" lang="en" maxLength={2000} placeholder={t("household.englishHint")} value={v.story_en} onChange={(e) => set("story_en")(e.target.value)} />
        </Field>
      </div>

      <fieldset className="flex flex-col gap-y-3 rounded-md border border-ui-border-base p-3">
        <legend className="txt-compact-small-plus px-1">{t("household.consentTitle")}</legend>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {t("household.consentHint")}
        </Text>
        {(
          [
            ["given_name", "household.consentGivenName"],
            ["photo", "household.consentPhoto"],
            ["story", "household.consentStory"],
          ] as const
        ).map(([k, label]) => (
          <div key={k} className="flex items-center gap-x-3">
            <Switch
              id={`consent-${k}`}
              checked={consent[k]}
              onCheckedChange={(checked) => setConsent((old) => ({ ...old, [k]: checked }))}
            />
            <Label htmlFor={`consent-${k}`} size="small">
              {t(label)}
            </Label>
          </div>
        ))}
        {props.household && (
          <ConsentRecord when={recorded ? dateTime(recorded) : null} who={props.household.consent.recorded_by} />
        )}
      </fieldset>

      <fieldset className="grid grid-cols-1 gap-3 rounded-md border border-ui-border-base p-3 sm:grid-cols-2">
        <legend className="txt-compact-small-plus px-1">{t("household.privateTitle")}</legend>
        {props.household && (
          <Text size="xsmall" className="text-ui-fg-subtle sm:col-span-2">
            {t(props.household.may_reveal ? "household.privateMaskedHint" : "household.privateNoRight")}
          </Text>
        )}
        {(
          [
            ["family_name", "household.familyName", {}],
            ["poverty_tier", "household.povertyTier", {}],
            ["national_id", "household.nationalId", { inputMode: "numeric", maxLength: 13 }],
            ["phone", "household.phone", { type: "tel" }],
            ["income_thb_per_year", "household.income", { ...wholeInput, min: 0 }],
            ["address", "household.address", {}],
          ] as const
        ).map(([k, label, extras]) =>
          isMasked(props.household, k, shown) ? (
            <MaskedField
              key={k}
              household={props.household!}
              field={k}
              label={t(label)}
              onRevealed={(value) => {
                set(k)(value === null ? "" : String(value))
                setShown((old) => ({ ...old, [k]: true }))
              }}
            />
          ) : (
            <div key={k}>{text(k, t(label), extras)}</div>
          )
        )}
      </fieldset>

      <SubmitRow error={props.error} busy={props.busy} label={t("common.save")} />
    </Form>
  )
}

/**
 * A stored private value, masked: the page never has it. Users with the right reveal it with one click; the
 * server logs the reveal (who, when, which household, which field) before answering the value.
 */
function MaskedField(props: { household: Household; field: PrivateKey; label: string; onRevealed: (value: unknown) => void }) {
  const { t, language } = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const reveal = async () => {
    setBusy(true)
    setError(null)
    try {
      const r = await api<{ value: unknown }>(`/admin/households/${encodeURIComponent(props.household.id)}/reveal`, { body: { field: props.field } })
      props.onRevealed(r.value)
    } catch (e) {
      setError(localizedMessage(e as ApiError, language))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Field id={`household-${props.field}`} label={props.label}>
      <div className="flex items-center gap-x-2" data-testid={`masked-${props.field}`}>
        <span id={`household-${props.field}`} className="txt-compact-small text-ui-fg-subtle" aria-label={t("household.masked")}>
          •••
        </span>
        {props.household.may_reveal && (
          <Button type="button" size="small" variant="secondary" isLoading={busy} onClick={reveal} aria-label={t("household.revealField", { field: props.label })}>
            {t("household.reveal")}
          </Button>
        )}
      </div>
      {error && (
        <Text size="xsmall" role="alert" className="text-ui-fg-error">
          {error}
        </Text>
      )}
    </Field>
  )
}

function ConsentRecord(props: { when: string | null; who: string | null }) {
  const { t } = useT()
  const who = useUserLabel(props.who)
  return (
    <Text size="xsmall" className="text-ui-fg-subtle" data-testid="consent-record">
      {props.when ? t("household.consentRecorded", { when: props.when, who }) : t("household.consentNever")}
    </Text>
  )
}
