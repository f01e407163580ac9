import type { OrderShipping } from "~/lib/checkout/order-shipping.server"
import { useI18n } from "~/lib/i18n/use-i18n"

/** The parcels (Thailand Post tracking) and, above all, any recall notice of the order's items. */
export function OrderShippingView(props: { shipping: OrderShipping }) {
  const { t, locale } = useI18n()
  const { shipments, recalls } = props.shipping
  return (
    <>
      {recalls.map((r) => (
        <section key={r.lot_number} className="recall" role="alert" data-testid="order-recall">
          <h2>{t("order.recallTitle")}</h2>
          <p>{t("order.recallText", { lot: r.lot_number, units: String(r.units), products: r.products.join(", ") })}</p>
          {r.reason ? <p>{t("order.recallReason", { reason: r.reason })}</p> : null}
          <p>{t("order.recallAction")}</p>
        </section>
      ))}
      {shipments.length > 0 ? (
        <section data-testid="order-tracking">
          <h2>{t("order.tracking")}</h2>
          <ul className="order-list">
            {shipments.map((s) => (
              <li key={s.tracking_number}>
                {locale === "th" ? s.service_th : s.service_en}:{" "}
                <a href={s.tracking_url} target="_blank" rel="noopener noreferrer">
                  {s.tracking_number}
                </a>{" "}
                ({t("order.trackOnThailandPost")})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
