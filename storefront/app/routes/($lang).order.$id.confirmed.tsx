import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Link, useActionData, useLoaderData } from "@remix-run/react"
import { SlipUpload } from "~/components/slip-upload"
import { verifiedForm } from "~/lib/security/csrf.server"
import { clientIpOf } from "~/lib/medusa/medusa.server"
import { MAX_SLIP_BYTES, type SlipAnswer, uploadSlip } from "~/lib/checkout/transfer-slip.server"
import { OrderShippingView } from "~/components/order-shipping"
import { BankTransferBlock } from "~/components/bank-transfer"
import { OrderPaymentState } from "~/components/promptpay-qr"
import { bankTransferDetails } from "~/lib/checkout/bank-transfer.server"
import { orderView, placedOrder } from "~/lib/account/customer.server"
import { formatBaht } from "~/lib/i18n/format"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { personalPageHeaders } from "~/lib/render/http-cache.server"
import { privatePageMeta } from "~/lib/render/seo"
import { forwardedClient } from "~/lib/medusa/medusa.server"
import { orderShipping } from "~/lib/checkout/order-shipping.server"
import { orderPayment } from "~/lib/checkout/payment-methods.server"
import { badId, medusaId } from "~/lib/medusa/medusa-ids.server"
import { verifyOrderLink } from "~/lib/checkout/order-link.server"
import { getSession } from "~/lib/account/session.server"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("ยืนยันคำสั่งซื้อ", "Order confirmed")
export const headers = personalPageHeaders

/** The order of this page, if this browser may see it; "not found" otherwise. */
async function requireMine(request: Request, id: string | undefined): Promise<string> {
  const orderId = medusaId("order", id)
  if (!orderId) throw badId("order")
  const session = await getSession(request)
  // Only the browser that placed the order (its signed session remembers it) or a signed link from the order
  // e-mail opens the confirmation (decision 0025); anyone else gets "not found", as for an unknown order.
  const mine = session.get("lastOrderId") === orderId || verifyOrderLink(orderId, new URL(request.url).searchParams)
  if (!mine) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } })
  return orderId
}

// The transfer slip (decision 0054): a multipart form. server.js reads bodies of this page up to 8 MB (a larger one
// gets its 413 page), so a slip somewhat over the 5 MB limit is answered here in the page's words.
export async function action({ params, request, context }: ActionFunctionArgs) {
  requireLocale(params)
  const orderId = await requireMine(request, params.id)
  const answer = (slip: SlipAnswer, status: number) => data({ slip }, { status, headers: { "Cache-Control": "no-store" } })
  const form = await verifiedForm(request, context)
  const file = form.get("slip")
  if (!(file instanceof Blob) || file.size === 0) return answer("missing", 400)
  if (file.size > MAX_SLIP_BYTES) return answer("tooLarge", 413)
  const sent = await uploadSlip(orderId, await file.arrayBuffer(), clientIpOf(context))
  return answer(sent.answer, sent.status)
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const orderId = await requireMine(request, params.id)
  const order = await placedOrder(orderId)
  if (!order) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } })
  // payments (issue 5): the payment state and, for native PromptPay, the QR; the parcels at the same time.
  const [payment, parcels] = await Promise.all([orderPayment(order.id), orderShipping(order.id, forwardedClient())])
  // Bank transfer (Medusa's manual provider) not yet confirmed: where to transfer the exact total.
  const transfer = Boolean(payment.state === "pending" && payment.manualTtlHours && order.metadata?.payment_choice !== "cod")
  const bank = transfer ? bankTransferDetails() : null
  return data({ ...(await orderView(order, locale)), payment, bank, transfer, parcels }, { headers: { "Cache-Control": "private, no-store" } })
}

export default function OrderConfirmed() {
  const order = useLoaderData<typeof loader>()
  const sent = useActionData<typeof action>()
  const { t, lp } = useI18n()
  return (
    <main>
      <h1>{t("order.confirmed")}</h1>
      <p className="notice">
        {t("order.number")}: <strong data-testid="order-number">#{order.displayId}</strong>
      </p>
      {order.email ? <p>{t("order.sentTo", { email: order.email })}</p> : null}
      <OrderShippingView shipping={order.parcels} />
      <h2>{t("order.items")}</h2>
      <ul className="order-list">
        {order.items.map((i) => (
          <li key={i.id}>
            {i.title} · {i.variant} × {i.quantity} — {formatBaht(i.total)}
          </li>
        ))}
      </ul>
      <p>
        <strong>{t("cart.total")}: {formatBaht(order.totals.total)}</strong>
      </p>
      <OrderPaymentState payment={order.payment} />
      {order.bank ? <BankTransferBlock bank={order.bank} amount={order.totals.total} displayId={order.displayId} /> : null}
      {order.transfer || sent?.slip ? <SlipUpload answer={sent?.slip} /> : null}
      <h2>{t("order.shipTo")}</h2>
      <p>{order.address}</p>
      <p>
        <Link to={lp("/products")}>{t("cart.continue")}</Link>
      </p>
    </main>
  )
}
