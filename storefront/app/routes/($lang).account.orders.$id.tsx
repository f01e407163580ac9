import type { LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { CartTotals } from "~/components/cart-summary"
import { localePath } from "~/i18n"
import { orderView, retrieveOrder } from "~/lib/customer.server"
import { formatBaht } from "~/lib/format"
import { requireLocale } from "~/lib/i18n.server"
import { privatePageMeta } from "~/lib/seo"
import { getSession } from "~/lib/session.server"
import { useI18n } from "~/lib/use-i18n"

export const meta = privatePageMeta("คำสั่งซื้อ", "Order")

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  if (!session.get("token")) throw redirect(localePath(locale, "/account/login"))
  // Medusa answers only the logged-in customer's own orders.
  const order = await retrieveOrder(session, params.id ?? "")
  if (!order) throw new Response("Not found", { status: 404 })
  return data(await orderView(order, locale), { headers: { "Cache-Control": "private, no-store" } })
}

export default function OrderDetail() {
  const o = useLoaderData<typeof loader>()
  const { t, lp } = useI18n()
  return (
    <main>
      <p>
        <Link to={lp("/account")}>{t("account.orders")}</Link>
      </p>
      <h1>
        {t("order.number")} #{o.displayId}
      </h1>
      <p>
        {t("order.date")}: {o.date}
      </p>
      <h2>{t("order.items")}</h2>
      <ul className="order-list">
        {o.items.map((i) => (
          <li key={i.id}>
            {i.title} · {i.variant} × {i.quantity} — {formatBaht(i.total)}
          </li>
        ))}
      </ul>
      <CartTotals totals={o.totals} showShipping />
      <h2>{t("order.shipTo")}</h2>
      <p>{o.address}</p>
      {o.shipping ? <p>{o.shipping}</p> : null}
    </main>
  )
}
