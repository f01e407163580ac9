import { ShopForm } from "~/components/shop-form"
import { AddressFields, type AddressFieldErrors, type AddressValues, type PlaceOption } from "~/components/thai-address-fields"
import type { CheckoutAnswer } from "~/lib/checkout/checkout"
import { useI18n } from "~/lib/i18n/use-i18n"
import { ContinueButton, SectionError, SubmitButton } from "./section"

export type AddressForm = {
  countries: { code: string; name: string }[]
  provinces: PlaceOption[]
  districts: PlaceOption[]
  subDistricts: PlaceOption[]
  savedAddresses: { id: string; line: string }[]
}

/** The address section: a saved address in one press, or the Thai address form. */
export function AddressStep({ address, form, answer }: { address: Partial<AddressValues>; form: AddressForm; answer: CheckoutAnswer | undefined }) {
  const { t } = useI18n()
  return (
    <>
      <SectionError answer={answer} />
      {form.savedAddresses.length ? (
        <ShopForm className="review-block">
          <input type="hidden" name="intent" value="saved-address" />
          <fieldset>
            <legend>{t("checkout.savedAddress")}</legend>
            {form.savedAddresses.map((a, i) => (
              <label key={a.id} className="choice">
                <input type="radio" name="address_id" value={a.id} defaultChecked={i === 0} /> {a.line}
              </label>
            ))}
          </fieldset>
          <SubmitButton label={t("checkout.savedAddress")} busyLabel={t("checkout.saving")} />
        </ShopForm>
      ) : null}
      <ShopForm noValidate>
        <input type="hidden" name="intent" value="address" />
        <AddressFields
          values={{ ...address, ...answer?.values }}
          errors={(answer?.fieldErrors ?? {}) as AddressFieldErrors}
          countries={form.countries}
          provinces={form.provinces}
          districts={form.districts}
          subDistricts={form.subDistricts}
        />
        <p>
          <ContinueButton />
        </p>
      </ShopForm>
    </>
  )
}
