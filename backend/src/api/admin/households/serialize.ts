import type { TraceabilityModuleService } from "@mae-mok/traceability/module"
import { householdPublicPreview } from "../../../lib/traceability/records"
import type { HouseholdCreate, HouseholdUpdate, Infer } from "../validators"

type Body = Infer<typeof HouseholdCreate> | Infer<typeof HouseholdUpdate>
/** A household's columns as the module's createHouseholds/updateHouseholds take them (Medusa derives it from the model). */
type HouseholdData = Parameters<TraceabilityModuleService["createHouseholds"]>[0][number]
type Row = Parameters<typeof householdPublicPreview>[0] & Record<string, unknown>

const PRIVATE = ["family_name", "poverty_tier", "poverty_status", "national_id", "phone", "income_thb_per_year", "address", "tpmap_data"] as const

/** Body → columns. A consent that changes is stamped with when and by whom (PDPA: demonstrable consent). */
export function householdColumns(body: Body, existing: Row | null, actor: string | null): HouseholdData {
  const { consent, private: priv, ...plain } = body
  const cols: HouseholdData = { ...plain, ...(priv ?? {}), updated_by: actor }
  if (!existing) cols.created_by = actor
  if (consent) {
    cols.consent_given_name = consent.given_name
    cols.consent_photo = consent.photo
    cols.consent_story = consent.story
    const changed =
      !existing ||
      existing.consent_given_name !== consent.given_name ||
      existing.consent_photo !== consent.photo ||
      existing.consent_story !== consent.story
    if (changed) {
      cols.consent_recorded_at = new Date()
      cols.consent_recorded_by = actor
    }
  }
  return cols
}

/** Admin view: private fields grouped under `private`, consent with its record, and the public preview. */
export function householdResponse(h: Row) {
  const out: Record<string, unknown> = {}
  const priv: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(h)) {
    if ((PRIVATE as readonly string[]).includes(k)) priv[k] = v
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
  return out
}
