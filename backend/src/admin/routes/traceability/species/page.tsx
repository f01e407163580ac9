import { defineRouteConfig } from "@medusajs/admin-sdk"
import { toast } from "@medusajs/ui"
import type { FormEvent } from "react"
import { Form, SubmitRow, useFields } from "../../../components/form"
import { DataTable } from "../../../components/data-table"
import { Page, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { keys, useSave, useSpecies } from "../../../lib/queries"
import type { HerbSpecies } from "../../../lib/types"
import { useT } from "../../../lib/use-t"

const SpeciesPage = () => {
  const { t } = useT()
  const species = useSpecies()
  const create = useSave<unknown, { herb_species: HerbSpecies }>("/admin/herb-species", [keys.species])
  const { values: v, field, reset } = useFields("species", { thai_name: "", english_name: "", scientific_name: "", part_used: "", part_used_en: "" })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      {
        thai_name: v.thai_name.trim(),
        english_name: v.english_name.trim() || undefined,
        scientific_name: v.scientific_name.trim(),
        part_used: v.part_used.trim(),
        part_used_en: v.part_used_en.trim() || undefined,
      },
      {
        onSuccess: ({ herb_species }) => {
          toast.success(t("species.created", { name: herb_species.thai_name }))
          reset()
        },
      }
    )
  }
  return (
    <Page>
      <TraceNav />
      <Section title={t("species.listTitle")} level="h1">
        <DataTable
          query={species}
          columns={[
            { header: t("species.thaiName"), cell: (s) => s.thai_name },
            { header: t("species.englishName"), cell: (s) => s.english_name ?? "" },
            { header: t("species.scientificName"), cell: (s) => <i>{s.scientific_name}</i> },
            { header: t("species.partUsed"), cell: (s) => s.part_used },
          ]}
        />
      </Section>
      <Section title={t("species.addTitle")}>
        <Form onSubmit={submit} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {field("thai_name", t("species.thaiName"), { required: true, maxLength: 200 })}
          {field("english_name", t("species.englishName"), { maxLength: 200, lang: "en", placeholder: t("household.englishHint") })}
          {field("part_used", t("species.partUsed"), { required: true, maxLength: 200 })}
          {field("part_used_en", t("species.partUsedEn"), { maxLength: 200, lang: "en", placeholder: t("household.englishHint") })}
          {field("scientific_name", t("species.scientificName"), { required: true })}
          <SubmitRow error={create.error} busy={create.isPending} label={t("common.add")} className="sm:col-span-2" />
        </Form>
      </Section>
    </Page>
  )
}

export const config = defineRouteConfig({ label: "nav.species", translationNs: "maemok", rank: 3 })

export default SpeciesPage
