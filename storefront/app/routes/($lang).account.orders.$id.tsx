import type { LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { CartTotals } from "~/components/cart-summary"
import { localePath } from "~/i18n"
import { OrderShippingView } from "~/components/order-shipping"
import { currentCustomer, customerOrder, orderView } from "~/lib/account/customer.server"
import { formatBaht } from "~/lib/i18n/format"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { personalPageHeaders } from "~/lib/render/http-cache.server"
import { customerHeaders } from "~/lib/medusa/medusa.server"
import { orderShipping } from "~/lib/checkout/order-shipping.server"
import { privatePageMeta } from "~/lib/render/seo"
import { badId, medusaId } from "~/lib/medusa/medusa-ids.server"
import { commitSession, getSession } from "~/lib/account/session.server"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("คำสั่งซื้อ", "Order")
export const headers = personalPageHeaders

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  if (!session.get("token")) throw redirect(localePath(locale, "/account/login"))
  const orderId = medusaId("order", params.id)
  if (!orderId) throw badId("order")
  const customer = await currentCustomer(session)
  if (!customer) throw redirect(localePath(locale, "/account/login"), { headers: { "Set-Cookie": await commitSession(session) } })
  // Only the customer's own orders: the backend checks the token's customer (decision 0025), and so does this.
  // Another customer's order is "not found", like an order that does not exist.
  const order = await customerOrder(session, customer.id, orderId)
  if (!order) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } })
  const parcels = await orderShipping(orderId, customerHeaders(session))
  return data({ ...(await orderView(order, locale)), parcels }, { headers: { "Cache-Control": "private, no-store" } })
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
      <OrderShippingView shipping={o.parcels} />
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
