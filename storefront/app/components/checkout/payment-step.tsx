import { PaymentMethodOption, type PaymentMethodView } from "~/components/payment-method"
import { ShopForm } from "~/components/shop-form"
import type { CheckoutAnswer } from "~/lib/checkout/checkout"
import { useI18n } from "~/lib/i18n/use-i18n"
import { ContinueButton, SectionError } from "./section"

export type PaymentForm = { methods: PaymentMethodView[]; chosen: string | null }

/** The payment section: one radio per method the cart's region offers. */
export function PaymentStep({ form, answer }: { form: PaymentForm; answer: CheckoutAnswer | undefined }) {
  const { t } = useI18n()
  const error = answer?.fieldErrors?.provider_id
  return (
    <ShopForm>
      <SectionError answer={answer} />
      <input type="hidden" name="intent" value="payment" />
      <fieldset aria-describedby={error ? "f-provider-error" : undefined}>
        <legend>{t("checkout.step.payment")}</legend>
        {form.methods.map((m, i) => (
          <PaymentMethodOption key={m.value} method={m} checked={form.chosen ? form.chosen === m.value : i === 0} />
        ))}
      </fieldset>
      {error ? (
        <p className="field-error" id="f-provider-error">
          {t(error)}
        </p>
      ) : null}
      <ContinueButton />
    </ShopForm>
  )
}
