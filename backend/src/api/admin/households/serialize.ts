import type { MedusaResponse } from "@medusajs/framework/http"
import type { TraceabilityModuleService } from "@mae-mok/traceability/module"
import { aliasContainsGivenName } from "@mae-mok/traceability"
import { householdPhotoUrl, householdPublicPreview } from "../../../lib/traceability/records"
import type { HouseholdCreate, HouseholdUpdate, Infer } from "../validators"

type Body = Infer<typeof HouseholdCreate> | Infer<typeof HouseholdUpdate>
/** A household's columns as the module's createHouseholds/updateHouseholds take them (Medusa derives it from the model). */
type HouseholdData = Parameters<TraceabilityModuleService["createHouseholds"]>[0][number]
type Row = Parameters<typeof householdPublicPreview>[0] & Record<string, unknown>

const PRIVATE = ["family_name", "poverty_tier", "poverty_status", "national_id", "phone", "income_thb_per_year", "address", "tpmap_data"] as const

/** Body → columns. A consent that changes is stamped with when and by whom (PDPA: demonstrable consent). */
export function householdColumns(body: Body, existing: Row | null, actor: string | null): HouseholdData {
  const { consent, private: priv, confirm_alias_contains_name: _confirmed, ...plain } = body
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

const aliasWarning = {
  code: "ALIAS_CONTAINS_GIVEN_NAME",
  message: "The public alias contains the household's given name: the alias is always public, so the name stays public even without (or after withdrawing) the consent to show it.",
  message_th: "ชื่อเรียกสาธารณะมีชื่อจริงของครัวเรือนอยู่ ชื่อเรียกแสดงต่อสาธารณะเสมอ ชื่อจริงจึงถูกเปิดเผยแม้ไม่ได้ยินยอมหรือถอนความยินยอมให้แสดงชื่อจริงแล้ว",
}

/**
 * An alias that contains the given name publishes the name whatever the consent (decision 0020). A request
 * that sets the alias or the given name so is refused with 400 unless it says `confirm_alias_contains_name:
 * true`; returns false after sending that refusal.
 */
export function aliasAccepted(body: Body, existing: Row | null, res: MedusaResponse): boolean {
  if (body.alias === undefined && body.given_name === undefined) return true
  const alias = body.alias ?? existing?.alias ?? ""
  const givenName = body.given_name === undefined ? existing?.given_name : body.given_name
  if (!aliasContainsGivenName(alias, givenName) || body.confirm_alias_contains_name === true) return true
  res.status(400).json({
    type: "not_allowed",
    code: aliasWarning.code,
    message: `${aliasWarning.message} Choose an alias without the name, or send confirm_alias_contains_name: true if the household agrees. (${aliasWarning.message_th} กรุณาเปลี่ยนชื่อเรียก หรือยืนยันหากครัวเรือนตกลง)`,
    message_th: `${aliasWarning.message_th} กรุณาเปลี่ยนชื่อเรียก หรือยืนยันหากครัวเรือนตกลง`,
  })
  return false
}

/** Admin view: private fields grouped under `private`, consent with its record, the photo, the public preview and warnings. */
export function householdResponse(h: Row) {
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
