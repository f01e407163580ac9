import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProductVariant } from "@medusajs/framework/types"
import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { BatchStatusBadge } from "../components/badges"
import { QueryState, Section } from "../components/section"
import { useBatches } from "../lib/queries"
import { useT } from "../lib/use-t"

/** On a product variant's page: its production batches and their status. */
const VariantBatchesWidget = ({ data }: { data: AdminProductVariant }) => {
  const { t, date } = useT()
  const batches = useBatches({ variantId: data.id })
  return (
    <Section title={t("batch.widgetTitle")}>
      <QueryState query={batches} loading={t("common.loading")} empty={t("batch.widgetEmpty")}>
        {(rows) => (
          <ul className="flex flex-col gap-y-2" data-testid="variant-batches">
            {rows.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center gap-2">
                <Link to={`/traceability/batches/${b.id}`} className="txt-compact-small-plus text-ui-fg-interactive">
                  {b.lot_number}
                </Link>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {date(b.produced_on)} · {t("batch.unitsIssued", { count: b.units.length })}
                </Text>
                <BatchStatusBadge status={b.status} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Section>
  )
}

export const config = defineWidgetConfig({ zone: "product_variant.details.after" })

export default VariantBatchesWidget
