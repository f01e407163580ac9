import { aliasContainsGivenName } from "@mae-mok/traceability"
import { aliasWarning, type HouseholdRow } from "./consent"
import { householdPhotoUrl, householdPublicPreview } from "../../../lib/traceability/records"

const PRIVATE = ["family_name", "poverty_tier", "poverty_status", "national_id", "phone", "income_thb_per_year", "address", "tpmap_data"] as const

/** Admin view: private fields grouped under `private`, consent with its record, the photo, the public preview and warnings. */
export function householdResponse(h: HouseholdRow) {
  const out: Record<string, unknown> = {}
  const priv: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(h)) {
    if ((PRIVATE as readonly string[]).includes(k)) priv[k] = v
    else if (k === "photo_file") out.photo_url = householdPhotoUrl(h.photo_file)
    else if (!k.startsWith("consent_")) out[k] = v
  }
  out.private = priv
  out.consent = {
    given_name: h.consent_given_name,
    photo: h.consent_photo,
    story: h.consent_story,
    recorded_at: h.consent_recorded_at ?? null,
    recorded_by: h.consent_recorded_by ?? null,
  }
  out.public_preview = householdPublicPreview(h)
  out.warnings = aliasContainsGivenName(h.alias, h.given_name) ? [aliasWarning] : []
  return out
}
