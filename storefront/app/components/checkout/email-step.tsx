import { ShopForm } from "~/components/shop-form"
import type { CheckoutAnswer } from "~/lib/checkout/checkout"
import { useI18n } from "~/lib/i18n/use-i18n"
import { ContinueButton, SectionError } from "./section"

/** The e-mail section's form: where the order confirmation goes. */
export function EmailStep({ email, answer }: { email: string; answer: CheckoutAnswer | undefined }) {
  const { t } = useI18n()
  const error = answer?.fieldErrors?.email
  return (
    <ShopForm noValidate>
      <SectionError answer={answer} />
      <input type="hidden" name="intent" value="email" />
      <label htmlFor="f-email">{t("field.email")}</label>
      <input
        id="f-email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={answer?.values?.email ?? email}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "f-email-error" : undefined}
      />
      {error ? (
        <p className="field-error" id="f-email-error">
          {t(error)}
        </p>
      ) : null}
      <p>
        <ContinueButton />
      </p>
    </ShopForm>
  )
}
