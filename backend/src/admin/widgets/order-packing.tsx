import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder } from "@medusajs/framework/types"
import { Button, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { Section } from "../components/section"
import { useT } from "../lib/use-t"

/** On an order's page: the way to the packing view (scan to pack). */
const OrderPackingWidget = ({ data }: { data: AdminOrder }) => {
  const { t } = useT()
  return (
    <Section title={t("packing.widgetTitle")}>
      <div className="flex flex-col gap-y-2">
        <Text size="small" className="text-ui-fg-subtle">
          {t("packing.widgetHint")}
        </Text>
        <Button size="small" asChild>
          <Link to={`/packing/${data.id}`} data-testid="open-packing">
            {t("packing.open")}
          </Link>
        </Button>
      </div>
    </Section>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side.before" })

export default OrderPackingWidget
