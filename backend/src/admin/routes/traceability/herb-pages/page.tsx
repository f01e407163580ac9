import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Checkbox, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useEffect, useState, type FormEvent } from "react"
import type { HerbPageInput, HerbRecipeInput, HerbSourceKind } from "@mae-mok/traceability"
import { Field, NativeSelect, SubmitRow, TextField } from "../../../components/form"
import { Page, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { api } from "../../../lib/api"
import { keys, useHouseholds, useSave, useSpecies } from "../../../lib/queries"
import { useT } from "../../../lib/use-t"

type HerbPageRow = HerbPageInput & { id: string; species_id: string; published: boolean }
type Draft = Omit<HerbPageRow, "id" | "species_id">

const KINDS: HerbSourceKind[] = ["healer", "book", "study", "group"]
const herbPagesKey = ["maemok", "herb-pages"] as const
const recipesKey = ["maemok", "herb-recipes"] as const

type RecipeRow = HerbRecipeInput & { id: string; published: boolean }
type RecipeDraft = Omit<RecipeRow, "id">
const emptyRecipe = (): RecipeDraft => ({ slug: "", published: false, title_th: "", title_en: "", body_th: "", body_en: "", source_th: "", source_en: "", position: 0 })
const recipeDraftOf = (row: RecipeRow): RecipeDraft => {
  const { slug, published, title_th, title_en, body_th, body_en, source_th, source_en, position } = row
  return { slug, published, title_th, title_en, body_th, body_en, source_th, source_en, position }
}

function emptyDraft(): Draft {
  return {
    slug: "", published: false, name_th: "", name_en: "", name_local: null, parts_th: "", parts_en: "",
    preparation_th: "", preparation_en: "", cautions_th: "", cautions_en: "", uses: [], photos: [], wikidata_id: null, wikipedia_url: null,
  }
}

function draftOf(row: HerbPageRow): Draft {
  const { id: _id, species_id: _s, ...rest } = row as HerbPageRow & Record<string, unknown>
  const pick = (k: keyof Draft) => rest[k]
  return Object.fromEntries(Object.keys(emptyDraft()).map((k) => [k, pick(k as keyof Draft)])) as Draft
}

/** Thai and English side by side: each row is one thing in both languages (two columns from a tablet up). */
function Pair(props: { id: string; label: string; th: string; en: string; onTh: (v: string) => void; onEn: (v: string) => void; long?: boolean }) {
  const { t } = useT()
  const input = (lang: "th" | "en", value: string, onChange: (v: string) => void) =>
    props.long ? (
      <Field id={`${props.id}-${lang}`} label={`${props.label} · ${t(lang === "th" ? "herbPage.thai" : "herbPage.english")}`}>
        <Textarea id={`${props.id}-${lang}`} lang={lang} rows={6} value={value} onChange={(e) => onChange(e.target.value)} />
      </Field>
    ) : (
      <TextField id={`${props.id}-${lang}`} lang={lang} label={`${props.label} · ${t(lang === "th" ? "herbPage.thai" : "herbPage.english")}`} value={value} onChange={onChange} />
    )
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
      {input("th", props.th, props.onTh)}
      {input("en", props.en, props.onEn)}
    </div>
  )
}

const HerbPagesPage = () => {
  const { t } = useT()
  const species = useSpecies()
  const households = useHouseholds()
  const pages = useQuery({ queryKey: herbPagesKey, queryFn: () => api<{ herb_pages: HerbPageRow[] }>("/admin/herb-pages?limit=500").then((r) => r.herb_pages) })
  const [speciesId, setSpeciesId] = useState("")
  const current = pages.data?.find((p) => p.species_id === speciesId) ?? null
  const [draft, setDraft] = useState<Draft>(emptyDraft())
  useEffect(() => setDraft(current ? draftOf(current) : emptyDraft()), [current?.id, speciesId])
  const save = useSave<Draft & { species_id?: string }, { herb_page: HerbPageRow }>(
    () => (current ? `/admin/herb-pages/${current.id}` : "/admin/herb-pages"),
    [herbPagesKey, keys.species]
  )
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body = {
      ...draft,
      name_local: draft.name_local?.trim() || null,
      wikidata_id: draft.wikidata_id?.trim() || null,
      wikipedia_url: draft.wikipedia_url?.trim() || null,
      uses: draft.uses.map((u) => ({ ...u, source: { ...u.source, household_id: u.source.household_id || null } })),
    }
    save.mutate(current ? body : { ...body, species_id: speciesId }, {
      onSuccess: ({ herb_page }) => toast.success(t("herbPage.saved", { name: herb_page.name_th })),
    })
  }
  const chosen = species.data?.find((s) => s.id === speciesId)

  return (
    <Page>
      <TraceNav />
      <Section title={t("herbPage.listTitle")} level="h1">
        <Text size="small" className="text-ui-fg-subtle">{t("herbPage.intro")}</Text>
        <Text size="small" className="text-ui-fg-subtle">{t("herbPage.note")}</Text>
        <Field id="herb-species" label={t("herbPage.choose")}>
          <NativeSelect id="herb-species" value={speciesId} onChange={(e) => setSpeciesId(e.target.value)}>
            <option value="">{t("common.choose")}</option>
            {species.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.thai_name} ({s.scientific_name}){pages.data?.some((p) => p.species_id === s.id) ? "" : " *"}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </Section>
      {speciesId ? (
        <Section title={current ? `${current.name_th} · ${current.name_en}` : t("herbPage.newFor", { name: chosen?.thai_name ?? "" })}>
          <form onSubmit={submit} className="flex flex-col gap-4" aria-label={t("herbPage.listTitle")}>
            <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
              <TextField id="herb-slug" label={t("herbPage.slug")} value={draft.slug} onChange={set("slug")} required pattern="[a-z0-9]+(-[a-z0-9]+)*" />
              <div className="flex items-center gap-2 pt-6">
                <Checkbox id="herb-published" checked={draft.published} onCheckedChange={(v) => set("published")(v === true)} />
                <Label htmlFor="herb-published">{t("herbPage.published")}</Label>
              </div>
            </div>
            <Pair id="herb-name" label={t("herbPage.name")} th={draft.name_th} en={draft.name_en} onTh={set("name_th")} onEn={set("name_en")} />
            <TextField id="herb-local" label={t("herbPage.localName")} value={draft.name_local ?? ""} onChange={set("name_local")} lang="th" />
            <Pair id="herb-parts" label={t("herbPage.parts")} th={draft.parts_th} en={draft.parts_en} onTh={set("parts_th")} onEn={set("parts_en")} />
            <Pair id="herb-preparation" long label={t("herbPage.preparation")} th={draft.preparation_th} en={draft.preparation_en} onTh={set("preparation_th")} onEn={set("preparation_en")} />
            <Pair id="herb-cautions" long label={t("herbPage.cautions")} th={draft.cautions_th} en={draft.cautions_en} onTh={set("cautions_th")} onEn={set("cautions_en")} />

            <fieldset className="flex flex-col gap-3">
              <legend className="txt-compact-small-plus">{t("herbPage.uses")}</legend>
              {draft.uses.map((u, i) => {
                const setUse = (patch: Partial<typeof u> | { source: Partial<typeof u.source> }) =>
                  set("uses")(draft.uses.map((x, j) => (j === i ? { ...x, ...patch, source: { ...x.source, ...("source" in patch ? patch.source : {}) } } : x)))
                return (
                  <div key={i} className="flex flex-col gap-2 rounded-md p-3 shadow-borders-base">
                    <Pair id={`herb-use-${i}`} long label={`${t("herbPage.use")} ${i + 1}`} th={u.th} en={u.en} onTh={(th) => setUse({ th })} onEn={(en) => setUse({ en })} />
                    <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
                      <Field id={`herb-use-${i}-kind`} label={t("herbPage.sourceKind")}>
                        <NativeSelect id={`herb-use-${i}-kind`} value={u.source.kind} onChange={(e) => setUse({ source: { kind: e.target.value as HerbSourceKind } })}>
                          {KINDS.map((k) => (
                            <option key={k} value={k}>{t(`herbPage.kind.${k}`)}</option>
                          ))}
                        </NativeSelect>
                      </Field>
                      <Field id={`herb-use-${i}-healer`} label={t("herbPage.healer")}>
                        <NativeSelect id={`herb-use-${i}-healer`} value={u.source.household_id ?? ""} onChange={(e) => setUse({ source: { household_id: e.target.value || null } })}>
                          <option value="">—</option>
                          {households.data?.map((h) => (
                            <option key={h.id} value={h.id}>{h.alias}</option>
                          ))}
                        </NativeSelect>
                      </Field>
                    </div>
                    <Pair id={`herb-use-${i}-citation`} label={t("herbPage.citation")} th={u.source.citation_th} en={u.source.citation_en} onTh={(citation_th) => setUse({ source: { citation_th } })} onEn={(citation_en) => setUse({ source: { citation_en } })} />
                    <Button type="button" variant="secondary" size="small" className="self-start" onClick={() => set("uses")(draft.uses.filter((_, j) => j !== i))}>
                      {t("herbPage.remove")}
                    </Button>
                  </div>
                )
              })}
              <Button type="button" variant="secondary" className="self-start" onClick={() => set("uses")([...draft.uses, { th: "", en: "", source: { kind: "group", citation_th: "", citation_en: "", household_id: null } }])}>
                {t("herbPage.addUse")}
              </Button>
            </fieldset>

            <fieldset className="flex flex-col gap-3">
              <legend className="txt-compact-small-plus">{t("herbPage.photos")}</legend>
              {draft.photos.map((p, i) => (
                <div key={i} className="flex flex-col gap-2 rounded-md p-3 shadow-borders-base">
                  <TextField id={`herb-photo-${i}-url`} label={t("herbPage.photoUrl")} value={p.url} onChange={(url) => set("photos")(draft.photos.map((x, j) => (j === i ? { ...x, url } : x)))} />
                  <Pair id={`herb-photo-${i}-alt`} label={t("herbPage.alt")} th={p.alt_th} en={p.alt_en} onTh={(alt_th) => set("photos")(draft.photos.map((x, j) => (j === i ? { ...x, alt_th } : x)))} onEn={(alt_en) => set("photos")(draft.photos.map((x, j) => (j === i ? { ...x, alt_en } : x)))} />
                  <Button type="button" variant="secondary" size="small" className="self-start" onClick={() => set("photos")(draft.photos.filter((_, j) => j !== i))}>
                    {t("herbPage.remove")}
                  </Button>
                </div>
              ))}
              <Button type="button" variant="secondary" className="self-start" onClick={() => set("photos")([...draft.photos, { url: "", alt_th: "", alt_en: "" }])}>
                {t("herbPage.addPhoto")}
              </Button>
            </fieldset>

            <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
              <TextField id="herb-wikidata" label={t("herbPage.wikidata")} value={draft.wikidata_id ?? ""} onChange={set("wikidata_id")} />
              <TextField id="herb-wikipedia" label={t("herbPage.wikipedia")} value={draft.wikipedia_url ?? ""} onChange={set("wikipedia_url")} type="url" />
            </div>
            <SubmitRow error={save.error} busy={save.isPending} label={t("common.save")} />
          </form>
        </Section>
      ) : null}
      <Recipes />
    </Page>
  )
}

/** The group's recipes (the knowledge book's second part): choose one or start a new one, edit both languages. */
function Recipes() {
  const { t } = useT()
  const recipes = useQuery({ queryKey: recipesKey, queryFn: () => api<{ herb_recipes: RecipeRow[] }>("/admin/herb-recipes?limit=500").then((r) => r.herb_recipes) })
  const [chosen, setChosen] = useState("")
  const current = recipes.data?.find((r) => r.id === chosen) ?? null
  const [draft, setDraft] = useState<RecipeDraft>(emptyRecipe())
  useEffect(() => setDraft(current ? recipeDraftOf(current) : emptyRecipe()), [current?.id, chosen])
  const save = useSave<RecipeDraft, { herb_recipe: RecipeRow }>(() => (current ? `/admin/herb-recipes/${current.id}` : "/admin/herb-recipes"), [recipesKey])
  const set = <K extends keyof RecipeDraft>(k: K) => (v: RecipeDraft[K]) => setDraft((d) => ({ ...d, [k]: v }))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(draft, {
      onSuccess: ({ herb_recipe }) => {
        toast.success(t("herbPage.recipeSaved", { name: herb_recipe.title_th }))
        setChosen(herb_recipe.id)
      },
    })
  }
  return (
    <Section title={t("herbPage.recipes")}>
      <Text size="small" className="text-ui-fg-subtle">{t("herbPage.recipesIntro")}</Text>
      <Field id="recipe-choose" label={t("herbPage.chooseRecipe")}>
        <NativeSelect id="recipe-choose" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t("herbPage.newRecipe")}</option>
          {recipes.data?.map((r) => (
            <option key={r.id} value={r.id}>{r.title_th}</option>
          ))}
        </NativeSelect>
      </Field>
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label={t("herbPage.recipes")}>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
          <TextField id="recipe-slug" label={t("herbPage.slug")} value={draft.slug} onChange={set("slug")} required pattern="[a-z0-9]+(-[a-z0-9]+)*" />
          <TextField id="recipe-position" label={t("herbPage.position")} type="number" value={String(draft.position)} onChange={(v) => set("position")(Number.parseInt(v, 10) || 0)} />
          <div className="flex items-center gap-2 pt-6">
            <Checkbox id="recipe-published" checked={draft.published} onCheckedChange={(v) => set("published")(v === true)} />
            <Label htmlFor="recipe-published">{t("herbPage.published")}</Label>
          </div>
        </div>
        <Pair id="recipe-title" label={t("herbPage.recipeTitle")} th={draft.title_th} en={draft.title_en} onTh={set("title_th")} onEn={set("title_en")} />
        <Pair id="recipe-body" long label={t("herbPage.recipeBody")} th={draft.body_th} en={draft.body_en} onTh={set("body_th")} onEn={set("body_en")} />
        <Pair id="recipe-source" label={t("herbPage.recipeSource")} th={draft.source_th} en={draft.source_en} onTh={set("source_th")} onEn={set("source_en")} />
        <SubmitRow error={save.error} busy={save.isPending} label={t("common.save")} />
      </form>
    </Section>
  )
}

export const config = defineRouteConfig({ label: "nav.herb-pages", translationNs: "maemok", rank: 4 })

export default HerbPagesPage
