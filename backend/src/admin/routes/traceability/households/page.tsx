import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { HouseholdForm } from "../../../components/household-form"
import { DataTable } from "../../../components/data-table"
import { Page, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { keys, useHouseholds, useSave } from "../../../lib/queries"
import type { Household } from "../../../lib/types"
import { useT } from "../../../lib/use-t"

const HouseholdsPage = () => {
  const { t } = useT()
  const navigate = useNavigate()
  const households = useHouseholds()
  const [adding, setAdding] = useState(false)
  const create = useSave<unknown, { household: Household }>("/admin/households", [keys.households])
  return (
    <Page>
      <TraceNav />
      <Section
        title={t("household.listTitle")}
        level="h1"
        actions={
          !adding && (
            <Button size="small" variant="secondary" onClick={() => setAdding(true)}>
              {t("household.addTitle")}
            </Button>
          )
        }
      >
        <DataTable
          query={households}
          columns={[
            {
              header: t("household.code"),
              cell: (h) => (
                <Link to={`/traceability/households/${h.id}`} className="text-ui-fg-interactive">
                  {h.code}
                </Link>
              ),
            },
            { header: t("household.alias"), cell: (h) => h.alias },
            { header: t("household.village"), cell: (h) => `${h.village}${h.moo ? ` ม.${h.moo}` : ""}` },
            {
              header: t("household.consentTitle"),
              cell: (h) =>
                (["given_name", "photo", "story"] as const)
                  .filter((k) => h.consent[k])
                  .map((k) => t(`household.consentShort.${k}`))
                  .join(", ") || "—",
            },
          ]}
        />
      </Section>
      {adding && (
        <Section
          title={t("household.addTitle")}
          actions={
            <Button size="small" variant="transparent" onClick={() => setAdding(false)}>
              {t("common.cancel")}
            </Button>
          }
        >
          <HouseholdForm
            busy={create.isPending}
            error={create.error?.message ?? null}
            onSubmit={(body) =>
              create.mutate(body, {
                onSuccess: ({ household }) => {
                  toast.success(t("household.created", { code: household.code }))
                  navigate(`/traceability/households/${household.id}`)
                },
              })
            }
          />
        </Section>
      )}
    </Page>
  )
}

export const config = defineRouteConfig({ label: "nav.households", translationNs: "maemok", rank: 1 })

export default HouseholdsPage
