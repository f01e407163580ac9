import { aliasesContainGivenName } from "@mae-mok/traceability"
import { aliasWarning, type HouseholdRow } from "./consent"
import { HOUSEHOLD_PRIVATE_FIELDS, MASKED } from "../../../lib/auth/household-private"
import { householdPhotoUrl, householdPublicPreview } from "../../../lib/traceability/records"

/**
 * Admin view: private fields grouped under `private`, consent with its record, the photo, the public preview
 * and warnings. Private values are always masked here (MASKED when stored, null when empty), for every admin
 * user: one field is shown only through POST /admin/households/:id/reveal, which logs it
 * (docs/decisions/0056-masked-household-private-data.md).
 */
export function householdResponse(h: HouseholdRow) {
  const out: Record<string, unknown> = {}
  const priv: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(h)) {
    if ((HOUSEHOLD_PRIVATE_FIELDS as readonly string[]).includes(k)) priv[k] = v === null || v === undefined || v === "" ? null : MASKED
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
  out.warnings = aliasesContainGivenName([h.alias, h.alias_en], [h.given_name, h.given_name_en]) ? [aliasWarning] : []
  return out
}
