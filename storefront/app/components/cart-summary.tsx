import { formatBaht } from "~/lib/i18n/format"
import { useI18n } from "~/lib/i18n/use-i18n"

export type Totals = { itemTotal: number; shippingTotal: number; taxTotal: number; total: number }

export function CartTotals({ totals, showShipping }: { totals: Totals; showShipping: boolean }) {
  const { t } = useI18n()
  return (
    <dl className="totals">
      <dt>{t("cart.subtotal")}</dt>
      <dd>{formatBaht(totals.itemTotal)}</dd>
      {showShipping ? (
        <>
          <dt>{t("cart.shipping")}</dt>
          <dd>{formatBaht(totals.shippingTotal)}</dd>
        </>
      ) : null}
      <dt className="muted">{t("cart.tax")}</dt>
      <dd className="muted">{formatBaht(totals.taxTotal)}</dd>
      <dt className="grand">{t("cart.total")}</dt>
      <dd className="grand">{formatBaht(totals.total)}</dd>
    </dl>
  )
}
