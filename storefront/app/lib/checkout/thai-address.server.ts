import { getDistricts, getProvinces, getSubDistricts } from "thai-address-universal"
import type { MessageKey } from "~/i18n"

// Thai address data (province → amphoe → tambon → postcode) stays on the server: pages get only the few
// names they need (a resource route serves the next level to the checkout's script), so no page ships the data.

export type Place = { th: string; en: string; code: string; postalCode?: string }

const norm = (s: string) => s.trim().toLowerCase()
// One collator: localeCompare with a locale builds a new one on every comparison.
const THAI_ORDER = new Intl.Collator("th")
const byThaiName = (a: { th: string }, b: { th: string }) => THAI_ORDER.compare(a.th, b.th)
const match = (name: string) => (p: { nameTh: string; nameEn: string }) => norm(p.nameTh) === norm(name) || norm(p.nameEn) === norm(name)

export async function provinces(): Promise<Place[]> {
  const list = await getProvinces()
  return list.map((p) => ({ th: p.nameTh, en: p.nameEn, code: p.code })).sort(byThaiName)
}

export async function districtsOf(province: string): Promise<Place[]> {
  const p = (await getProvinces()).find(match(province))
  if (!p) return []
  return (await getDistricts(p.code)).map((d) => ({ th: d.nameTh, en: d.nameEn, code: d.code })).sort(byThaiName)
}

export async function subDistrictsOf(province: string, district: string): Promise<Place[]> {
  const d = (await districtsOf(province)).find((x) => norm(x.th) === norm(district) || norm(x.en) === norm(district))
  if (!d) return []
  return (await getSubDistricts(d.code))
    .map((s) => ({ th: s.nameTh, en: s.nameEn, code: s.code, postalCode: s.postalCode }))
    .sort(byThaiName)
}

export type ThaiAddressInput = { province: string; district: string; subDistrict: string; postalCode: string }
export type ThaiAddressErrors = Partial<Record<keyof ThaiAddressInput, MessageKey>>

/** Checks the chain province → district → sub-district → postcode; returns errors per field (empty when valid). */
export async function validateThaiAddress(input: ThaiAddressInput): Promise<ThaiAddressErrors> {
  const errors: ThaiAddressErrors = {}
  if (!input.province) errors.province = "error.required"
  if (!input.district) errors.district = "error.required"
  if (!input.subDistrict) errors.subDistrict = "error.required"
  if (!/^\d{5}$/.test(input.postalCode)) errors.postalCode = input.postalCode ? "error.postalCode" : "error.required"
  if (errors.province) return errors
  if (!(await getProvinces()).some(match(input.province))) return { ...errors, province: "error.province" }
  if (errors.district) return errors
  const districts = await districtsOf(input.province)
  if (!districts.some((d) => norm(d.th) === norm(input.district) || norm(d.en) === norm(input.district))) {
    return { ...errors, district: "error.district" }
  }
  if (errors.subDistrict) return errors
  const subs = (await subDistrictsOf(input.province, input.district)).filter(
    (s) => norm(s.th) === norm(input.subDistrict) || norm(s.en) === norm(input.subDistrict)
  )
  if (subs.length === 0) return { ...errors, subDistrict: "error.subDistrict" }
  if (!errors.postalCode && !subs.some((s) => s.postalCode === input.postalCode)) errors.postalCode = "error.postalMismatch"
  return errors
}
