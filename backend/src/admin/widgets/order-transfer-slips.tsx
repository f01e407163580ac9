import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder } from "@medusajs/framework/types"
import { Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Section } from "../components/section"
import { api } from "../lib/api"
import { useT } from "../lib/use-t"

type Slip = { file: string; size: number; uploaded_at: string; content_type: string }

/** On an order's page: the transfer slips the buyer sent (decision 0054), from the admin-only route. */
const OrderTransferSlipsWidget = ({ data }: { data: AdminOrder }) => {
  const { t } = useT()
  const slips = useQuery({
    queryKey: ["maemok", "transfer-slips", data.id],
    queryFn: () => api<{ slips: Slip[] }>(`/admin/orders/${data.id}/transfer-slips`).then((r) => r.slips),
  })
  if (!slips.data || slips.data.length === 0) {
    // Only bank-transfer orders take slips: an order without one shows nothing.
    return null
  }
  return (
    <Section title={t("slips.title")}>
      <div className="flex flex-col gap-y-3" data-testid="transfer-slips">
        <Text size="small" className="text-ui-fg-subtle">
          {t("slips.hint")}
        </Text>
        {slips.data.map((s) => {
          const src = `/admin/orders/${data.id}/transfer-slips/${s.file}`
          return (
            <figure key={s.file} className="flex flex-col gap-y-1">
              <a href={src} target="_blank" rel="noreferrer">
                <img src={src} alt={t("slips.title")} className="max-h-96 w-full rounded border object-contain" />
              </a>
              <figcaption>
                <Text size="small">
                  {t("slips.uploaded", { at: new Date(s.uploaded_at).toLocaleString("th-TH", { timeZone: "Asia/Bangkok" }) })} ·{" "}
                  <a href={src} target="_blank" rel="noreferrer" className="text-ui-fg-interactive">
                    {t("slips.open")}
                  </a>
                </Text>
              </figcaption>
            </figure>
          )
        })}
      </div>
    </Section>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side.before" })

export default OrderTransferSlipsWidget
