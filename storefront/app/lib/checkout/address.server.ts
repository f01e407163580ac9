import { z } from "zod"
import type { AddressFieldErrors, AddressValues } from "./address"
import type { Locale } from "~/i18n"
import { thaiRegion } from "../catalogue/catalogue.server"
import { districtsOf, provinces, subDistrictsOf, validateThaiAddress } from "./thai-address.server"

// One mapping between the checkout/account address form and Medusa's address fields:
// amphoe → city, tambon → address_2, province → province.

/** A posted text field: trimmed, "" when missing (or not text); whether it may be empty is validateAddress's job. */
export const formText = z.string().trim().catch("")

/** The address form's fields as posted (checkout and account); country defaults to Thailand. */
export const addressFields = z.object({
  first_name: formText,
  last_name: formText,
  phone: formText,
  address_1: formText,
  country_code: formText.transform((c) => (c || "th").toLowerCase()),
  province: formText,
  district: formText,
  sub_district: formText,
  postal_code: formText,
}) satisfies z.ZodType<AddressValues>

export function addressFromForm(form: FormData): AddressValues {
  return addressFields.parse(Object.fromEntries(form))
}

export async function validateAddress(values: AddressValues, allowedCountries: string[]): Promise<AddressFieldErrors> {
  const errors: AddressFieldErrors = {}
  for (const f of ["first_name", "last_name", "address_1"] as const) if (!values[f]) errors[f] = "error.required"
  if (!values.phone) errors.phone = "error.required"
  else if (!/^\+?[0-9][0-9 -]{7,18}$/.test(values.phone)) errors.phone = "error.phone"
  if (!allowedCountries.includes(values.country_code)) errors.country_code = "error.required"
  if (values.country_code === "th") {
    const thai = await validateThaiAddress({
      province: values.province,
      district: values.district,
      subDistrict: values.sub_district,
      postalCode: values.postal_code,
    })
    if (thai.province) errors.province = thai.province
    if (thai.district) errors.district = thai.district
    if (thai.subDistrict) errors.sub_district = thai.subDistrict
    if (thai.postalCode) errors.postal_code = thai.postalCode
  } else {
    if (!values.district) errors.district = "error.required"
    if (!values.postal_code) errors.postal_code = "error.required"
  }
  return errors
}

export function toMedusaAddress(v: AddressValues) {
  return {
    first_name: v.first_name,
    last_name: v.last_name,
    phone: v.phone,
    address_1: v.address_1,
    address_2: v.sub_district || undefined,
    city: v.district,
    province: v.province,
    postal_code: v.postal_code,
    country_code: v.country_code,
  }
}

// Cart, order and customer addresses differ only in null vs undefined.
type AnyAddress = {
  [K in "first_name" | "last_name" | "phone" | "address_1" | "address_2" | "city" | "province" | "postal_code" | "country_code"]?: string | null
}

export function fromMedusaAddress(a: AnyAddress | null | undefined): Partial<AddressValues> {
  if (!a) return {}
  return {
    first_name: a.first_name ?? "",
    last_name: a.last_name ?? "",
    phone: a.phone ?? "",
    address_1: a.address_1 ?? "",
    country_code: a.country_code ?? "th",
    province: a.province ?? "",
    district: a.city ?? "",
    sub_district: a.address_2 ?? "",
    postal_code: a.postal_code ?? "",
  }
}

/**
 * One line for review pages and order history, written the way addresses are written in the page's language:
 * Thai "12 หมู่ 5 ต.แม่มอก อ.เถิน จ.ลำปาง 52160" (แขวง/เขต in Bangkok), English "12 Moo 5, Tambon Mae Mok,
 * Amphoe Thoen, Lampang 52160" with the romanised names of the address data.
 */
export async function formatAddress(a: AnyAddress | null | undefined, locale: Locale): Promise<string> {
  if (!a) return ""
  const name = [a.first_name, a.last_name].filter(Boolean).join(" ")
  const foreign = a.country_code && a.country_code !== "th" ? a.country_code.toUpperCase() : null
  const place = foreign ? [a.address_2, a.city, a.province, a.postal_code].filter(Boolean).join(", ") : await thaiPlaceLine(a, locale)
  return [name, a.address_1, place, foreign, a.phone].filter(Boolean).join(", ")
}

async function thaiPlaceLine(a: AnyAddress, locale: Locale): Promise<string> {
  const province = (await provinces()).find((p) => p.th === a.province || p.en === a.province)
  const district = province ? (await districtsOf(province.th)).find((d) => d.th === a.city || d.en === a.city) : undefined
  const sub = province && district ? (await subDistrictsOf(province.th, district.th)).find((s) => s.th === a.address_2 || s.en === a.address_2) : undefined
  const bangkok = province?.code === "10"
  if (locale === "en") {
    const parts = [
      a.address_2 && `${bangkok ? "Khwaeng" : "Tambon"} ${sub?.en ?? a.address_2}`,
      a.city && `${bangkok ? "Khet" : "Amphoe"} ${district?.en ?? a.city}`,
      [province?.en ?? a.province, a.postal_code].filter(Boolean).join(" "),
    ]
    return parts.filter(Boolean).join(", ")
  }
  const parts = [
    a.address_2 && `${bangkok ? "แขวง" : "ต."}${sub?.th ?? a.address_2}`,
    a.city && `${bangkok ? "เขต" : "อ."}${district?.th ?? a.city}`,
    a.province && (bangkok ? (province?.th ?? a.province) : `จ.${province?.th ?? a.province}`),
    a.postal_code,
  ]
  return parts.filter(Boolean).join(" ")
}

/** The choices the address form needs: the region's countries and the Thai places for the current values. */
export async function addressFormLists(locale: Locale, address: Partial<AddressValues>) {
  const region = await thaiRegion()
  const names = new Intl.DisplayNames([locale], { type: "region" })
  const province = address.province ?? ""
  return {
    countries: (region.countries ?? [])
      .map((c) => ({ code: c.iso_2 ?? "", name: names.of((c.iso_2 ?? "").toUpperCase()) ?? c.display_name ?? c.iso_2 ?? "" }))
      .filter((c) => c.code),
    provinces: (await provinces()).map(({ th, en }) => ({ th, en })),
    districts: province ? (await districtsOf(province)).map(({ th, en }) => ({ th, en })) : [],
    subDistricts: province && address.district ? await subDistrictsOf(province, address.district) : [],
  }
}

/** Countries the shop ships to (ISO 2, lower case). */
export async function shippingCountries(): Promise<string[]> {
  return ((await thaiRegion()).countries ?? []).map((c) => c.iso_2 ?? "")
}
