import { CheckoutProblemNotice } from "~/components/checkout-problem"
import { ShopForm } from "~/components/shop-form"
import { StripePayment } from "~/components/stripe-payment"
import type { CheckoutAnswer } from "~/lib/checkout/checkout"
import { formatBaht } from "~/lib/i18n/format"
import { useI18n } from "~/lib/i18n/use-i18n"
import { SectionError, SubmitButton } from "./section"

type Line = { id: string; title: string; variantTitle: string }

/** The last section: why the order was not placed (if it was tried), then Stripe's form or "place order". */
export function ReviewStep(props: { stripe: { publishableKey: string; clientSecret: string } | null; lines: Line[]; total: number; answer: CheckoutAnswer | undefined }) {
  const { stripe, lines, total, answer } = props
  const { t, lp } = useI18n()
  return (
    <>
      <SectionError answer={answer} />
      {answer?.problem ? <CheckoutProblemNotice problem={answer.problem} lines={lines} /> : null}
      {/* On a phone the order summary is below the sections: the amount to pay is said here, next to the button. */}
      <p className="review-total">
        {t("cart.total")} <strong>{formatBaht(total)}</strong>
      </p>
      {stripe ? (
        <StripePayment {...stripe} returnPath={`${lp("/checkout")}?step=review`} />
      ) : (
        <ShopForm>
          <input type="hidden" name="intent" value="place" />
          <p>
            <SubmitButton label={t("checkout.placeOrder")} busyLabel={t("checkout.placing")} primary />
          </p>
        </ShopForm>
      )}
    </>
  )
}
