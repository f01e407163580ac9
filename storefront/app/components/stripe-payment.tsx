import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js"
import type { Stripe } from "@stripe/stripe-js"
import { loadStripe } from "@stripe/stripe-js/pure"
import { useEffect, useState, type FormEvent } from "react"
import { CsrfField } from "~/components/shop-form"
import { useI18n } from "~/lib/i18n/use-i18n"

// "pure" loads Stripe.js from js.stripe.com only when loadStripe is called, i.e. only on this component
// and only when a publishable key is configured.
let stripeJs: Promise<Stripe | null> | null = null
function stripeFor(key: string) {
  stripeJs ??= loadStripe(key).catch(() => null)
  return stripeJs
}

function PayForm({ returnPath }: { returnPath: string }) {
  const stripe = useStripe()
  const elements = useElements()
  const { t } = useI18n()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!stripe || !elements) return
    const form = event.currentTarget
    setBusy(true)
    setError(null)
    // Stripe.js runs 3-D Secure (requires_action) and shows the PromptPay QR itself; redirects only when a method needs it.
    const result = await stripe.confirmPayment({ elements, redirect: "if_required", confirmParams: { return_url: new URL(returnPath, window.location.href).href } })
    if (result.error?.type === "validation_error") {
      // The form itself is incomplete (card number, expiry …): Stripe's element says what, nothing was tried.
      setError(result.error.message ?? t("error.generic"))
      setBusy(false)
      return
    }
    // Anything else goes to the server, which completes the cart only if the payment was authorized and
    // otherwise says why in the shop's words: declined, a step left (3-D Secure, the QR), or already paid.
    form.submit()
  }

  return (
    <form method="post" onSubmit={pay}>
      <CsrfField />
      <input type="hidden" name="intent" value="place" />
      <PaymentElement />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <p>
        <button type="submit" className="primary" disabled={!stripe || busy} aria-busy={busy || undefined}>
          {busy ? t("checkout.placing") : t("checkout.placeOrder")}
        </button>
      </p>
    </form>
  )
}

/** The Stripe Payment Element on the review step; it needs JavaScript and js.stripe.com, and says so when either is missing. */
export function StripePayment({ publishableKey, clientSecret, returnPath }: { publishableKey: string; clientSecret: string; returnPath: string }) {
  const { t, locale } = useI18n()
  const [stripe, setStripe] = useState<Stripe | null | "loading">("loading")
  useEffect(() => {
    let live = true
    stripeFor(publishableKey).then((s) => live && setStripe(s))
    return () => {
      live = false
    }
  }, [publishableKey])

  if (stripe === null) {
    return (
      <p className="error" role="alert" data-testid="stripe-unavailable">
        {t("payment.stripeUnavailable")}
      </p>
    )
  }
  if (stripe === "loading") {
    return (
      <>
        <noscript>
          <p className="error">{t("payment.stripeNeedsJs")}</p>
        </noscript>
        <p aria-busy="true">{t("payment.stripeLoading")}</p>
      </>
    )
  }
  return (
    <Elements stripe={stripe} options={{ clientSecret, locale }}>
      <PayForm returnPath={returnPath} />
    </Elements>
  )
}
