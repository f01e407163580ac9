import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { useActionData, useLoaderData } from "@remix-run/react"
import { AddressStep } from "~/components/checkout/address-step"
import { EmailStep } from "~/components/checkout/email-step"
import { OrderSummary } from "~/components/checkout/order-summary"
import { PaymentStep } from "~/components/checkout/payment-step"
import { ReviewStep } from "~/components/checkout/review-step"
import { CheckoutSection, sectionState } from "~/components/checkout/section"
import { ShippingStep } from "~/components/checkout/shipping-step"
import { checkoutAction, checkoutView } from "~/lib/checkout/checkout.server"
import { STEPS } from "~/lib/checkout/checkout-steps"
import { personalPageHeaders } from "~/lib/render/http-cache.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { privatePageMeta } from "~/lib/render/seo"
import { useI18n } from "~/lib/i18n/use-i18n"

// The one-page checkout (issue 15): the sections and what each form does are in lib/checkout/checkout.server.ts, each
// section's form in components/checkout/.

export const meta = privatePageMeta("ชำระเงิน", "Checkout")
export const headers = personalPageHeaders

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const { view, setCookie } = await checkoutView(request, locale)
  return data(view, { headers: { "Set-Cookie": setCookie, "Cache-Control": "private, no-store" } })
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { locale } = requireLocale(params)
  return checkoutAction(request, context, locale)
}

export default function Checkout() {
  const view = useLoaderData<typeof loader>()
  const posted = useActionData<typeof action>()
  const { t } = useI18n()
  // A refusal belongs to the section it came from; after the page moved on it is stale.
  const answer = posted && posted.step === view.step ? posted : undefined
  const state = (step: (typeof STEPS)[number]) => sectionState(step, view.step, view.open)

  return (
    <main className="checkout">
      <h1>{t("checkout.title")}</h1>
      <div className="checkout-layout">
        <div className="checkout-sections">
          <CheckoutSection step="email" state={state("email")} summary={<p>{view.email}</p>}>
            <EmailStep email={view.email} answer={answer} />
          </CheckoutSection>
          <CheckoutSection step="address" state={state("address")} summary={<p>{view.addressLine}</p>}>
            {view.addressForm ? <AddressStep address={view.address} form={view.addressForm} answer={answer} /> : null}
          </CheckoutSection>
          <CheckoutSection step="shipping" state={state("shipping")} summary={<p>{view.shippingName}</p>}>
            {view.shippingForm ? <ShippingStep form={view.shippingForm} answer={answer} /> : null}
          </CheckoutSection>
          <CheckoutSection step="payment" state={state("payment")} summary={view.paymentLabel ? <p>{t(view.paymentLabel)}</p> : null}>
            {view.paymentForm ? <PaymentStep form={view.paymentForm} answer={answer} /> : null}
          </CheckoutSection>
          <CheckoutSection step="review" state={state("review")}>
            <ReviewStep stripe={view.stripe} lines={view.cart.lines} total={view.cart.total} answer={answer} />
          </CheckoutSection>
        </div>
        <OrderSummary cart={view.cart} showShipping={STEPS.indexOf(view.open) >= STEPS.indexOf("payment")} />
      </div>
    </main>
  )
}
