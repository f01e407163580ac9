import { ShopForm } from "~/components/shop-form"
import type { CheckoutAnswer } from "~/lib/checkout/checkout"
import { formatBaht } from "~/lib/i18n/format"
import { useI18n } from "~/lib/i18n/use-i18n"
import { ContinueButton, SectionError } from "./section"

export type ShippingForm = { options: { id: string; name: string; amount: number }[]; chosen: string | null }

/** The shipping section: one radio per shipping option of the cart, cheapest first. */
export function ShippingStep({ form, answer }: { form: ShippingForm; answer: CheckoutAnswer | undefined }) {
  const { t } = useI18n()
  const error = answer?.fieldErrors?.option_id
  return (
    <ShopForm>
      <SectionError answer={answer} />
      <input type="hidden" name="intent" value="shipping" />
      <fieldset aria-describedby={error ? "f-option-error" : undefined}>
        <legend>{t("checkout.step.shipping")}</legend>
        {form.options.map((o, i) => (
          <label key={o.id} className="choice">
            <input type="radio" name="option_id" value={o.id} defaultChecked={form.chosen ? form.chosen === o.id : i === 0} required />
            <span>
              {o.name} — {formatBaht(o.amount)}
            </span>
          </label>
        ))}
      </fieldset>
      {error ? (
        <p className="field-error" id="f-option-error">
          {t(error)}
        </p>
      ) : null}
      <ContinueButton />
    </ShopForm>
  )
}
