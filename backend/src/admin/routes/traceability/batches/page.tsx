import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { BatchStatusBadge } from "../../../components/badges"
import { DataTable } from "../../../components/data-table"
import { Page, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { useBatches } from "../../../lib/queries"
import { useT } from "../../../lib/use-t"

const BatchesPage = () => {
  const { t } = useT()
  const batches = useBatches()
  return (
    <Page>
      <TraceNav />
      <Section
        title={t("batch.listTitle")}
        level="h1"
        actions={
          <Button size="small" variant="secondary" asChild>
            <Link to="/traceability/batches/new">{t("batch.newButton")}</Link>
          </Button>
        }
      >
        <DataTable
          query={batches}
          columns={[
            {
              header: t("batch.lot"),
              cell: (b) => (
                <Link to={`/traceability/batches/${b.id}`} className="text-ui-fg-interactive">
                  {b.lot_number}
                </Link>
              ),
            },
            { header: t("batch.variant"), cell: (b) => (b.variant ? `${b.variant.product.title} · ${b.variant.title}` : "—") },
            { header: t("batch.producedOn"), cell: (b) => b.produced_on },
            { header: t("batch.status"), cell: (b) => <BatchStatusBadge status={b.status} /> },
          ]}
        />
      </Section>
    </Page>
  )
}

export const config = defineRouteConfig({ label: "nav.batches", translationNs: "maemok", rank: 5 })

export default BatchesPage
