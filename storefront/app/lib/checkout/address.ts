import type { MessageKey } from "~/i18n"

/** A Thai address as the forms post it and the server checks it (address.server.ts; components/thai-address-fields.tsx). */
export type AddressValues = {
  first_name: string
  last_name: string
  phone: string
  address_1: string
  country_code: string
  province: string
  district: string
  sub_district: string
  postal_code: string
}

export type AddressFieldErrors = Partial<Record<keyof AddressValues, MessageKey>>
