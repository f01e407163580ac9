import { CartTotals, type Totals } from "~/components/cart-summary"
import { formatBaht } from "~/lib/i18n/format"
import { useI18n } from "~/lib/i18n/use-i18n"

type Line = { id: string; title: string; variantTitle: string; quantity: number; total: number }

/** The cart beside the sections (below them on a phone); shipping counts once it is chosen. */
export function OrderSummary({ cart, showShipping }: { cart: Totals & { lines: Line[] }; showShipping: boolean }) {
  const { t } = useI18n()
  return (
    <section className="checkout-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t("checkout.summary")}</h2>
      <ul className="order-list">
        {cart.lines.map((l) => (
          <li key={l.id}>
            {l.title} · {l.variantTitle} × {l.quantity} — {formatBaht(l.total)}
          </li>
        ))}
      </ul>
      <CartTotals totals={cart} showShipping={showShipping} />
    </section>
  )
}
