import { useEffect, useRef, useState } from "react"
import type { MessageKey } from "~/i18n"
import { FormField } from "~/components/form-field"
import type { AddressFieldErrors, AddressValues } from "~/lib/checkout/address"
import { useI18n } from "~/lib/i18n/use-i18n"

export type PlaceOption = { th: string; en: string; postalCode?: string }

export type { AddressFieldErrors, AddressValues }

type Props = {
  values: Partial<AddressValues>
  errors: AddressFieldErrors
  countries: { code: string; name: string }[]
  provinces: PlaceOption[]
  /** Lists for the current values, so the page works as selects without JavaScript once they are known. */
  districts: PlaceOption[]
  subDistricts: PlaceOption[]
}

function FieldError({ id, error }: { id: string; error?: MessageKey }) {
  const { t } = useI18n()
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      {t(error)}
    </p>
  ) : null
}

function TextField(props: { name: keyof AddressValues } & Omit<Parameters<typeof FormField>[0], "name">) {
  return <FormField {...props} />
}

async function fetchPlaces(province: string, district?: string): Promise<PlaceOption[]> {
  const query = new URLSearchParams({ province, ...(district ? { district } : {}) })
  const res = await fetch(`/api/thai-address?${query}`)
  if (!res.ok) return []
  return ((await res.json()) as { places: PlaceOption[] }).places
}

/** The place with this Thai or English name (a shopper may type either). */
function findPlace(list: PlaceOption[], name: string): PlaceOption | undefined {
  const wanted = name.toLowerCase()
  return list.find((p) => p.th === name || p.en.toLowerCase() === wanted)
}

/**
 * Name, phone and a Thai address: province → amphoe → tambon with the postcode filled in. Without JavaScript the
 * amphoe/tambon are plain inputs (or selects when the server already knows the province), checked on the server.
 */
export function AddressFields({ values, errors, countries, provinces, districts: initialDistricts, subDistricts: initialSubs }: Props) {
  const { t, locale } = useI18n()
  const [enhanced, setEnhanced] = useState(false)
  const [country, setCountry] = useState(values.country_code || "th")
  const [province, setProvince] = useState(values.province ?? "")
  const [district, setDistrict] = useState(values.district ?? "")
  const [subDistrict, setSubDistrict] = useState(values.sub_district ?? "")
  const [postalCode, setPostalCode] = useState(values.postal_code ?? "")
  const [districts, setDistricts] = useState(initialDistricts)
  const [subs, setSubs] = useState(initialSubs)
  const [loading, setLoading] = useState(false)
  const root = useRef<HTMLDivElement>(null)

  // A slow phone: the shopper may have chosen and typed before the scripts ran. Hydration leaves their input in
  // the page, but this component's state still holds the server's values, and its next render would put those
  // back. So the first thing it does is adopt what is in the fields, load the lists that go with it, and only
  // then turn amphoe and tambon into lists, with the typed names chosen (Thai or English). A name that is not in
  // the list stays a text box as typed; the server checks it when the form is sent.
  useEffect(() => {
    let live = true
    const field = (name: keyof AddressValues) => root.current?.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)?.value.trim() ?? ""
    const typed = { country: field("country_code"), province: field("province"), district: field("district"), sub: field("sub_district"), postal: field("postal_code") }
    if (typed.country) setCountry(typed.country)
    setProvince(typed.province)
    setDistrict(typed.district)
    setSubDistrict(typed.sub)
    setPostalCode(typed.postal)
    void (async () => {
      if ((typed.country || "th") !== "th" || !typed.province) {
        if (live) setEnhanced(true)
        return
      }
      const sameProvince = typed.province === (values.province ?? "") && initialDistricts.length > 0
      const districtList = sameProvince ? initialDistricts : await fetchPlaces(typed.province)
      const districtFound = typed.district ? findPlace(districtList, typed.district) : undefined
      const sameDistrict = sameProvince && districtFound?.th === (values.district ?? "") && initialSubs.length > 0
      const subList = districtFound ? (sameDistrict ? initialSubs : await fetchPlaces(typed.province, districtFound.th)) : []
      const subFound = typed.sub ? findPlace(subList, typed.sub) : undefined
      if (!live) return
      // Typed names not in the lists: keep the text boxes (and what is in them).
      if ((typed.district && !districtFound) || (typed.sub && !subFound)) return
      setDistricts(districtList)
      setSubs(subList)
      if (districtFound) setDistrict(districtFound.th)
      if (subFound) {
        setSubDistrict(subFound.th)
        if (!typed.postal && subFound.postalCode) setPostalCode(subFound.postalCode)
      }
      setEnhanced(true)
    })()
    return () => {
      live = false
    }
    // Once, right after hydration: later changes go through the handlers below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const thai = country === "th"
  const label = (p: PlaceOption) => (locale === "en" && p.en ? `${p.th} (${p.en})` : p.th)

  async function chooseProvince(value: string) {
    setProvince(value)
    setDistrict("")
    setSubDistrict("")
    setSubs([])
    setDistricts([])
    if (!value) return
    setLoading(true)
    setDistricts(await fetchPlaces(value))
    setLoading(false)
  }

  async function chooseDistrict(value: string) {
    setDistrict(value)
    setSubDistrict("")
    setSubs([])
    if (!value) return
    setLoading(true)
    setSubs(await fetchPlaces(province, value))
    setLoading(false)
  }

  function chooseSub(value: string) {
    setSubDistrict(value)
    const found = subs.find((s) => s.th === value)
    if (found?.postalCode) setPostalCode(found.postalCode)
  }

  const selectProps = (name: keyof AddressValues) => ({
    id: `f-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `f-${name}-error` : undefined,
    required: true,
  })

  return (
    <div className="form-grid two" ref={root}>
      <TextField name="first_name" label={t("field.firstName")} value={values.first_name} error={errors.first_name} autoComplete="given-name" />
      <TextField name="last_name" label={t("field.lastName")} value={values.last_name} error={errors.last_name} autoComplete="family-name" />
      <TextField name="phone" label={t("field.phone")} value={values.phone} error={errors.phone} autoComplete="tel" inputMode="tel" />
      {countries.length > 1 ? (
        <div>
          <label htmlFor="f-country_code">{t("field.country")}</label>
          <select {...selectProps("country_code")} value={country} onChange={(e) => setCountry(e.target.value)}>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="country_code" value={country} />
      )}
      <TextField name="address_1" label={t("field.address1")} value={values.address_1} error={errors.address_1} autoComplete="address-line1" />

      {thai ? (
        <div>
          <label htmlFor="f-province">{t("field.province")}</label>
          <select {...selectProps("province")} value={province} onChange={(e) => void chooseProvince(e.target.value)} autoComplete="address-level1">
            <option value="">{t("field.choose")}</option>
            {provinces.map((p) => (
              <option key={p.th} value={p.th}>
                {label(p)}
              </option>
            ))}
          </select>
          <FieldError id="f-province" error={errors.province} />
        </div>
      ) : (
        <TextField name="province" label={t("field.state")} value={values.province} error={errors.province} autoComplete="address-level1" required={false} />
      )}

      {thai && (enhanced || districts.length > 0) ? (
        <div>
          <label htmlFor="f-district">{t("field.district")}</label>
          <select {...selectProps("district")} value={district} onChange={(e) => void chooseDistrict(e.target.value)} disabled={!province || districts.length === 0}>
            <option value="">{t("field.choose")}</option>
            {districts.map((d) => (
              <option key={d.th} value={d.th}>
                {label(d)}
              </option>
            ))}
          </select>
          <FieldError id="f-district" error={errors.district} />
        </div>
      ) : (
        <TextField name="district" label={thai ? t("field.district") : t("field.city")} value={values.district} error={errors.district} autoComplete="address-level2" />
      )}

      {thai && (enhanced || subs.length > 0) ? (
        <div>
          <label htmlFor="f-sub_district">{t("field.subDistrict")}</label>
          <select {...selectProps("sub_district")} value={subDistrict} onChange={(e) => chooseSub(e.target.value)} disabled={!district || subs.length === 0}>
            <option value="">{t("field.choose")}</option>
            {subs.map((s) => (
              <option key={s.th} value={s.th}>
                {label(s)}
              </option>
            ))}
          </select>
          <FieldError id="f-sub_district" error={errors.sub_district} />
        </div>
      ) : thai ? (
        <TextField name="sub_district" label={t("field.subDistrict")} value={values.sub_district} error={errors.sub_district} autoComplete="address-level3" />
      ) : (
        <input type="hidden" name="sub_district" value="" />
      )}

      <div>
        <label htmlFor="f-postal_code">{t("field.postalCode")}</label>
        <input
          id="f-postal_code"
          name="postal_code"
          value={postalCode}
          onChange={(e) => setPostalCode(e.target.value)}
          inputMode="numeric"
          autoComplete="postal-code"
          required
          aria-invalid={errors.postal_code ? true : undefined}
          aria-describedby={errors.postal_code ? "f-postal_code-error" : undefined}
        />
        <FieldError id="f-postal_code" error={errors.postal_code} />
      </div>
      {loading ? (
        <p role="status" className="muted">
          {t("loading")}
        </p>
      ) : null}
    </div>
  )
}
