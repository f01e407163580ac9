/*
 * The household rules of the admin's writes: consent stamped when it changes (PDPA), and an alias that would
 * publish the given name refused unless confirmed (decision 0020).
 */
import type { TraceabilityModuleService } from "@mae-mok/traceability/module"
import { aliasesContainGivenName } from "@mae-mok/traceability"
import { notAllowed } from "../../../lib/errors"
import type { householdPublicPreview } from "../../../lib/traceability/records"
import type { HouseholdCreate, HouseholdUpdate, Infer } from "../validators"

type Body = Infer<typeof HouseholdCreate> | Infer<typeof HouseholdUpdate>
/** A household's columns as the module's createHouseholds/updateHouseholds take them (Medusa derives it from the model). */
type HouseholdData = Parameters<TraceabilityModuleService["createHouseholds"]>[0][number]
export type HouseholdRow = Parameters<typeof householdPublicPreview>[0] & Record<string, unknown>

/** Body → columns. A consent that changes is stamped with when and by whom (PDPA: demonstrable consent). */
export function householdColumns(body: Body, existing: HouseholdRow | null, actor: string | null): HouseholdData {
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

/** The warning an admin sees while a household's alias contains its given name. */
export const aliasWarning = {
  code: "ALIAS_CONTAINS_GIVEN_NAME",
  message: "The public alias contains the household's given name: the alias is always public, so the name stays public even without (or after withdrawing) the consent to show it.",
  message_th: "ชื่อเรียกสาธารณะมีชื่อจริงของครัวเรือนอยู่ ชื่อเรียกแสดงต่อสาธารณะเสมอ ชื่อจริงจึงถูกเปิดเผยแม้ไม่ได้ยินยอมหรือถอนความยินยอมให้แสดงชื่อจริงแล้ว",
}

/**
 * An alias that contains the given name publishes the name whatever the consent (decision 0020). A request
 * that sets the alias or the given name so is refused with 400 unless it says `confirm_alias_contains_name: true`.
 */
export function assertAliasAccepted(body: Body, existing: HouseholdRow | null): void {
  if (body.alias === undefined && body.given_name === undefined && body.alias_en === undefined && body.given_name_en === undefined) return
  const alias = body.alias ?? existing?.alias ?? ""
  const aliasEn = body.alias_en === undefined ? existing?.alias_en : body.alias_en
  const givenName = body.given_name === undefined ? existing?.given_name : body.given_name
  const givenNameEn = body.given_name_en === undefined ? existing?.given_name_en : body.given_name_en
  if (!aliasesContainGivenName([alias, aliasEn], [givenName, givenNameEn]) || body.confirm_alias_contains_name === true) return
  throw notAllowed({
    code: aliasWarning.code,
    message: `${aliasWarning.message} Choose an alias without the name, or send confirm_alias_contains_name: true if the household agrees.`,
    message_th: `${aliasWarning.message_th} กรุณาเปลี่ยนชื่อเรียก หรือยืนยันหากครัวเรือนตกลง`,
  })
}
